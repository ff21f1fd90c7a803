"""``manage.py bench_archive N``: add N generated live articles (see ``dateline.bench.archive``)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from dateline.bench.archive import generate_archive
from dateline.search.tasks import refresh_sqlite_statistics


class Command(BaseCommand):
    help = "Add N generated live articles to an edition, in bulk (for make bench)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="Number of articles to add.")
        parser.add_argument("--language", default="en", help="Edition language (default en).")
        parser.add_argument(
            "--every", type=int, default=17, help="Minutes between two articles' publication (default 17)."
        )
        parser.add_argument("--no-index", action="store_true", help="Do not add them to the search index.")

    def handle(self, *args, count, language, every, no_index, **options):
        started = time.monotonic()
        added = generate_archive(count, language=language, index=not no_index, every_minutes=every)
        # The planner's statistics of the new rows now, as PostgreSQL's autovacuum or the worker's
        # statistics job on SQLite (dateline.search.tasks) gives them a little later.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            refresh_sqlite_statistics()
        self.stdout.write(f"Added {added} articles in {time.monotonic() - started:.1f} s.")
