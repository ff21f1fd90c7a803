"""On PostgreSQL: the same form sent many times at once is stored once (the nonce column is unique)."""

import threading

import pytest
from django.db import connection, connections

from dateline.comments.nonces import check_nonce, issue_nonce

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")


@pytest.mark.django_db(transaction=True)
def test_a_form_replayed_concurrently_is_stored_once(demo):
    from dateline.comments import actions
    from dateline.comments.models import ReaderComment
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code="en")
    nonce_hash = check_nonce(issue_nonce(article.pk), article.pk)
    outcomes, barrier = [], threading.Barrier(8)

    def send(n):
        try:
            barrier.wait()
            actions.post_comment(
                article=article,
                name="Racer",
                body=f"Same form, copy {n}",  # different text: only the nonce ties them together
                language="en",
                reader_hash=f"reader-{n}",
                ip_hash=f"ip-{n}",
                nonce_hash=nonce_hash,
            )
            outcomes.append("stored")
        except actions.ReplayedForm:
            outcomes.append("replayed")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["replayed"] * 7 + ["stored"]
    assert ReaderComment.objects.filter(form_nonce=nonce_hash).count() == 1
