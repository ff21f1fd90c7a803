"""What the ratings and comments apps and the corrections show on an article page is read with the routed
article (``ARTICLE_ANNOTATIONS_HOOK``): an article without votes, comments or corrections costs no query for
them, and one with them shows them. Project-level: it crosses the news, ratings and comments apps."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.comments import actions as comment_actions
from dateline.comments.models import CommentState
from dateline.comments.nonces import check_nonce, issue_nonce
from dateline.news.models import ArticleCorrection, ArticlePage
from dateline.ratings import actions as rating_actions

pytestmark = pytest.mark.django_db


def page_text(client, article) -> tuple[str, list[str]]:
    client.get(article.url)  # per-process lookups (site, locales, tree values) warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_an_article_without_them_reads_no_rating_comment_or_correction_row(client, en_article):
    html, queries = page_text(client, en_article)
    assert "No votes yet" in html
    read = " ".join(queries)
    for table in (
        "ratings_articlerating",
        "comments_readercomment",
        "comments_articlecommentstatus",
        "news_articlecorrection",
    ):
        # Read only as subqueries of the article's own query (Django names their tables U0, U1...).
        assert not re.search(rf'FROM "{table}"(?! U\d)', read), table


def test_an_article_with_them_shows_each(client, en_article):
    page = en_article.get_latest_revision_as_object()
    page.corrections.add(
        ArticleCorrection(kind="correction", text="It was Tuesday, not Monday.", noted_at=timezone.now())
    )
    page.save_revision().publish()
    article = ArticlePage.objects.get(pk=en_article.pk)
    for n, stars in enumerate((4, 5)):
        rating_actions.cast_vote(article_id=article.pk, stars=stars, reader_id=f"reader-{n}", ip_hash=f"ip-{n}")
    comment = comment_actions.post_comment(
        article=article,
        name="Anna",
        body="A fair account of the talks.",
        language="en",
        reader_hash="reader-a",
        ip_hash="ip-a",
        nonce_hash=check_nonce(issue_nonce(article.pk), article.pk),
    )
    comment_actions.moderate([comment], CommentState.APPROVED)
    comment_actions.set_comments_closed(article, True)

    html, _queries = page_text(client, article)
    assert "It was Tuesday, not Monday." in html
    assert "2 votes" in html
    assert "A fair account of the talks." in html
    assert "Comments are closed on this article." in html
