"""``load_demo``: load the demo site's content (idempotent)."""

from django.core.management.base import BaseCommand

from dateline.news.demo_content import load_demo_content


class Command(BaseCommand):
    help = "Load the demo content: the reference article in both editions, with its dossier."

    def handle(self, *args, **options):
        report = load_demo_content()
        self.stdout.write(f"Demo content: {len(report.created)} created, {len(report.existing)} already there.")
