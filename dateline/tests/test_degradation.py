"""When a backing service is down the site degrades gracefully: Redis down, a read-only database.

Reader pages, feeds, sitemaps and the API answer 200; cache failures are logged,
not raised; a write either succeeds or answers a clear 503 in the reader's
language (JSON for the widgets) with nothing stored — never stored-then-500.
"""

import socket
import sqlite3

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client

from dateline.comments.models import ReaderComment
from dateline.distribution.actions import create_api_key
from dateline.errorreports.models import ErrorReport
from dateline.ratings.models import Vote


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "dateline.availability.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "KEY_PREFIX": "dateline-test-down",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield caches["default"]


def reader(article, language="en"):
    """A client that fetched the article's reader state: it has the reader and CSRF cookies."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT="application/json")
    state = client.get(f"/{language}/-/reader/state/{article.pk}/").json()
    return client, state


def test_cache_reads_and_writes_fail_soft_and_are_logged(redis_down, caplog):
    from dateline.availability import cache as resilient

    resilient.ResilientRedisCache._last_logged = 0.0
    assert redis_down.get("anything", "fallback") == "fallback"
    redis_down.set("anything", 1)
    assert redis_down.get_or_set("computed", lambda: 42) == 42
    assert any("Redis cache unavailable" in r.getMessage() for r in caplog.records)
    # Counters go on in the process's memory: limits hold per process until Redis is back.
    assert redis_down.add("counter", 0) is True
    assert redis_down.add("counter", 0) is False
    assert [redis_down.incr("counter") for _ in range(3)] == [1, 2, 3]
    with pytest.raises(ValueError):
        redis_down.incr("missing")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_reader_pages_feeds_sitemaps_answer_from_the_database(client, en_article, ru_article, redis_down, language):
    article = en_article if language == "en" else ru_article
    for url in [f"/{language}/", article.url, f"/{language}/feed/rss/", f"/{language}/feed/atom/"]:
        assert client.get(url).status_code == 200, url
    for url in ["/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]:
        assert client.get(url).status_code == 200, url
    assert client.get(f"/{language}/-/reader/state/{article.pk}/").status_code == 200


def test_api_answers_from_the_database(client, en_article, redis_down, monkeypatch):
    import types

    import dateline.ratelimit

    # One fixed window for the whole test: a slow run must not cross into the next minute.
    monkeypatch.setattr(dateline.ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_000.0))
    _api_key, raw_key = create_api_key(name="Feed", subscriber="Example", rate_limit_per_minute=10)
    responses = [client.get("/api/ninjs/", HTTP_AUTHORIZATION=f"Bearer {raw_key}") for _ in range(11)]
    assert [r.status_code for r in responses] == [200] * 10 + [429]  # the quota still holds (per process)
    assert responses[0].json()["items"]


def test_a_vote_is_stored_and_answered_without_javascript(en_article, redis_down):
    client, state = reader(en_article)
    client.defaults.pop("HTTP_ACCEPT")
    response = client.post(f"/en/-/ratings/{en_article.pk}/", {"stars": "4"}, HTTP_X_CSRFTOKEN=state["csrfToken"])
    assert response.status_code == 303
    assert Vote.objects.filter(article=en_article, value=4).count() == 1


def test_a_comment_is_taken_and_its_limit_still_holds(en_article, redis_down, settings):
    settings.DATELINE_COMMENTS_RATE_LIMIT = 2
    answers = []
    for n in range(3):
        client, state = reader(en_article)
        fields = {"name": "Ann", "body": f"A thoughtful comment {n}.", "nonce": state["comments"]["nonce"]}
        response = client.post(f"/en/-/comments/{en_article.pk}/new/", fields, HTTP_X_CSRFTOKEN=state["csrfToken"])
        answers.append(response.status_code)
    assert answers == [201, 201, 429]
    assert ReaderComment.objects.count() == 2


def test_an_error_report_is_taken_without_javascript(en_article, redis_down):
    client, state = reader(en_article)
    client.defaults.pop("HTTP_ACCEPT")
    words = " ".join(en_article.plain_text().split())[40:70].strip()
    response = client.post(
        f"/en/-/errorreports/{en_article.pk}/", {"selected_text": words}, HTTP_X_CSRFTOKEN=state["csrfToken"]
    )
    assert response.status_code == 303
    assert ErrorReport.objects.count() == 1


def test_a_read_only_database_is_a_503_page_through_the_whole_stack(client, en_article, monkeypatch, caplog):
    from dateline.ratings import actions

    def read_only(*args, **kwargs):
        raise OperationalError("attempt to write a readonly database") from sqlite3.OperationalError()

    monkeypatch.setattr(actions, "_cast_locked", read_only)
    state = client.get(f"/en/-/reader/state/{en_article.pk}/").json()
    response = client.post(f"/en/-/ratings/{en_article.pk}/", {"stars": "3"}, HTTP_X_CSRFTOKEN=state["csrfToken"])
    assert response.status_code == 503
    assert any("503 for POST" in r.getMessage() for r in caplog.records)
