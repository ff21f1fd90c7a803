"""``dateline ingest [--once] [--all]``: poll the configured wire sources into the inbox.

For operators who run polling from cron (``--once``: poll the sources that are
due, print one line per source, exit) or as a process of their own (no
``--once``: poll the due sources every 30 seconds until stopped). ``--all``
polls every source that is on, due or not. Exit status 1 when a source failed
in a ``--once`` run. Output is English only (an operator's tool).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ...ingest import poll_due_sources
from ...tasks import POLL_TICK


class Command(BaseCommand):
    help = "Poll the wire sources configured in the admin into the wire inbox (--once for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Poll the due sources once and exit.")
        parser.add_argument("--all", action="store_true", help="Poll every source that is on, due or not.")

    def handle(self, *args, **options):
        while True:
            reports = poll_due_sources(force=options["all"])
            for report in reports:
                self.stdout.write(report.summary())
                for warning in dict.fromkeys(report.warnings):
                    self.stdout.write(f"  warning: {warning}")
            if options["once"]:
                if not reports:
                    self.stdout.write("No source is due.")
                if any(report.error for report in reports):
                    raise SystemExit(1)
                return
            time.sleep(POLL_TICK)
