"""Fixtures of the comments tests: a reader's client with a reader cookie, and posting helpers."""

import pytest
from django.core.cache import cache

from dateline.comments.nonces import issue_nonce


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Rate-limit counters live in the cache: start every test with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader(client):
    """A Django test client that has fetched the reader state once (so it carries the reader cookie)."""
    return client


def comment_data(article, **overrides) -> dict:
    """Return valid POST data for a comment on ``article`` with a fresh one-time nonce."""
    data = {
        "name": "Anna Petrova",
        "email": "anna@example.org",
        "body": "A thoughtful remark on the treaty.",
        "parent": "",
        "website": "",
        "nonce": issue_nonce(article.pk),
    }
    data.update(overrides)
    return data


def post_json(client, article, language=None, **overrides):
    """POST a comment as the page's script does (Accept: application/json); return the response.

    Upper-case ``overrides`` (``REMOTE_ADDR``...) go to the request's META, the others to the form.
    """
    language = language or article.locale.language_code
    meta = {key: value for key, value in overrides.items() if key.isupper()}  # REMOTE_ADDR, HTTP_...
    fields = {key: value for key, value in overrides.items() if not key.isupper()}
    return client.post(
        f"/{language}/-/comments/{article.pk}/new/",
        comment_data(article, **fields),
        HTTP_ACCEPT="application/json",
        **meta,
    )
