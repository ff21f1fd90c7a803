"""Identical reports sent at the same moment merge into one report and lose no reader (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from dateline.errorreports.actions import submit_report
from dateline.errorreports.models import ErrorReport, ErrorReportSubmission

READERS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_reports_merge_without_losing_a_reader():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: DATABASE_URL=postgres://...")
    from dateline.news.demo_content import load_demo_content
    from dateline.news.models import ArticlePage

    load_demo_content()
    article = ArticlePage.objects.get(locale__language_code="en")
    barrier = threading.Barrier(READERS)
    errors = []

    def send(n):
        try:
            barrier.wait(timeout=10)
            submit_report(
                article_id=article.pk,
                selected_text="Heiko Maas",
                fingerprint=f"{n:064x}",
                rate_key=f"address-{n}",
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = ErrorReport.objects.get()
    assert report.count == READERS
    assert ErrorReportSubmission.objects.filter(report=report).count() == READERS
