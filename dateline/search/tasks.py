"""Periodic job of the search app (run by the worker, see ``dateline.worker.periodic``): SQLite's planner statistics.

Without statistics SQLite joins Wagtail's full-text table to the index entries the slow way
round, running the full-text match once per index entry: a search for a common word took
1.4 s at 10,000 articles and grows with the square of the archive. ``ANALYZE`` on a sample
(``ANALYSIS_LIMIT`` rows per index; 28 ms at 10,000 articles) gives it the plan that runs
the match once (50 ms). PostgreSQL's autovacuum keeps its own statistics: nothing happens there.
"""

from __future__ import annotations

from django.db import connection
from django_tasks import task

#: Rows SQLite reads per index when it gathers statistics (its ``PRAGMA analysis_limit``).
ANALYSIS_LIMIT = 400
#: Seconds between two refreshes of the statistics (an hour; the first runs when the worker starts).
REFRESH_SECONDS = 3600


def refresh_sqlite_statistics() -> bool:
    """Gather SQLite's planner statistics on a sample of each index; return False on other databases."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return True


@task()
def refresh_search_statistics() -> bool:
    """The periodic job: ``refresh_sqlite_statistics``."""
    return refresh_sqlite_statistics()


PERIODIC_TASKS = [(refresh_search_statistics, REFRESH_SECONDS)]
