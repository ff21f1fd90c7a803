"""List pages walk an index newest first instead of sorting the whole archive (SQLite's planner, with statistics)."""

from __future__ import annotations

import pytest
from django.db import connection

from dateline.bench.archive import generate_archive
from dateline.news.models import SectionPage
from dateline.search.tasks import refresh_sqlite_statistics

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner"),
]


def plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[3] for row in cursor.fetchall()]


def test_a_section_page_reads_its_newest_articles_from_the_published_at_index(demo):
    generate_archive(3000, index=False)
    refresh_sqlite_statistics()
    section = max(SectionPage.objects.live(), key=lambda s: s.numchild)
    steps = plan(section.articles()[:20])
    assert any("news_articlepage_published_at" in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps
