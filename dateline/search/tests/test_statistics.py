"""The worker's periodic job gives SQLite the planner statistics its full-text joins need."""

import pytest
from django.db import connection

from dateline.search.tasks import PERIODIC_TASKS, refresh_search_statistics, refresh_sqlite_statistics

pytestmark = pytest.mark.django_db


def test_the_statistics_job_is_periodic():
    assert [(task, seconds) for task, seconds in PERIODIC_TASKS] == [(refresh_search_statistics, 3600)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum keeps its own statistics")
def test_sqlite_gets_statistics_of_the_search_index(demo):
    assert refresh_sqlite_statistics() is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl FROM sqlite_stat1")
        tables = {row[0] for row in cursor.fetchall()}
    assert {"wagtailsearch_indexentry", "wagtailcore_page", "news_articlepage"} <= tables
