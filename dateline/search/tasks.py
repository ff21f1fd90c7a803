"""Periodic job of the search app (run by the worker, see ``dateline.worker.periodic``): SQLite's planner statistics.

Without statistics SQLite joins Wagtail's full-text table to the index entries the slow way
round, running the full-text match once per index entry: a search for a common word took
1.4 s at 10,000 articles and grows with the square of the archive. ``ANALYZE`` gives it the
plan that runs the match once (50 ms). A full one: on a sample (``PRAGMA analysis_limit``)
SQLite took the embargo column, empty in every row, for a selective one and read every article
for the breaking-news banner (0.2 s at 100,000 articles). It takes 0.4 s at 10,000 articles and
0.6 to 4 s at 100,000 (warm or cold disk cache). PostgreSQL's autovacuum keeps its own
statistics: nothing happens there.
"""

from __future__ import annotations

from django.db import connection
from django_tasks import task

#: Seconds between two refreshes of the statistics (an hour; the first runs when the worker starts).
REFRESH_SECONDS = 3600


def refresh_sqlite_statistics() -> bool:
    """Gather SQLite's planner statistics of every index (whole tables); return False on other databases."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit = 0")  # no sampling: see the module's doc
        cursor.execute("ANALYZE")
    return True


@task()
def refresh_search_statistics() -> bool:
    """The periodic job: ``refresh_sqlite_statistics``."""
    return refresh_sqlite_statistics()


PERIODIC_TASKS = [(refresh_search_statistics, REFRESH_SECONDS)]
