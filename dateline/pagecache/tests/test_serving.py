"""What the page cache serves: the same page for every reader, in the URL's language, never a reader's state."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

from dateline.pagecache import store as store_module
from dateline.pagecache.store import Entry, PageStore, cache_key
from dateline.pagecache.wsgi import PageCacheApp

pytestmark = pytest.mark.django_db


def wsgi_get(app, path, query="", **headers):
    """Call the WSGI application ``app``; return (status, headers dict, body)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = {name.lower(): value for name, value in response_headers}

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def keep_test_connection():
    """Let Django's WSGI handler run inside the test transaction (as its test client does)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_wsgi_front_answers_a_stored_page_without_django_and_304_on_its_validators(
    en_article, keep_test_connection
):
    app = PageCacheApp(WSGIHandler())
    status, headers, first = wsgi_get(app, en_article.url)
    assert status == 200 and headers["x-dateline-cache"] == "miss"
    assert headers["etag"] and headers["last-modified"]

    app.app = None  # a hit must not reach Django at all
    status, headers, again = wsgi_get(app, en_article.url)
    assert (status, headers["x-dateline-cache"], again) == (200, "hit", first)
    assert "set-cookie" not in headers
    assert wsgi_get(app, en_article.url, if_none_match=headers["etag"])[0] == 304
    assert wsgi_get(app, en_article.url, if_modified_since=headers["last-modified"])[0] == 304
    assert wsgi_get(app, en_article.url, if_none_match='"other"')[0] == 200


def test_the_uncached_path_answers_304_too(client, en_article, admin_user):
    client.force_login(admin_user)  # an editor: the session cookie bypasses the cache
    response = client.get(en_article.url)
    assert "X-Dateline-Cache" not in response
    assert response["ETag"] and response["Last-Modified"]
    assert client.get(en_article.url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_a_reader_cookie_and_csrf_token_get_the_shared_page_and_never_leave_state_in_it(client, en_article):
    state = client.get(f"/en/-/reader/state/{en_article.pk}/")
    assert state.status_code == 200 and "no-cache" in state["Cache-Control"]
    assert client.cookies  # the reader cookie and csrftoken
    token = state.json()["csrfToken"]
    first = client.get(en_article.url)
    second = client.get(en_article.url)
    assert second["X-Dateline-Cache"] == "hit"  # the reader's cookies do not bypass the cache
    assert first.content == second.content
    for response in (first, second):
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html and token not in html
        for cookie in client.cookies.values():
            assert cookie.value not in html


def test_an_editor_with_a_session_bypasses_the_cache_and_is_never_stored(client, en_article, admin_user):
    client.force_login(admin_user)
    client.get(en_article.url)
    client.logout()
    assert client.get(en_article.url)["X-Dateline-Cache"] == "miss"  # the editor's view was not stored


def test_each_language_has_its_own_copy(client, en_article, ru_article):
    ru = client.get(ru_article.url)
    en = client.get(en_article.url)
    assert en["X-Dateline-Cache"] == ru["X-Dateline-Cache"] == "miss"
    assert en["Content-Language"] == "en" and ru["Content-Language"] == "ru"
    assert client.get(en_article.url).content == en.content
    # Outside the language prefix (sitemaps) the language of the request is part of the key
    assert client.get("/sitemap.xml", headers={"accept-language": "ru"})["X-Dateline-Cache"] == "miss"
    assert client.get("/sitemap.xml", headers={"accept-language": "en"})["X-Dateline-Cache"] == "miss"
    assert client.get("/sitemap.xml", headers={"accept-language": "ru"})["X-Dateline-Cache"] == "hit"


def test_keys_normalise_the_query_and_leave_out_trackers():
    base = {"REQUEST_METHOD": "GET", "PATH_INFO": "/en/news/", "HTTP_HOST": "localhost"}
    key = cache_key({**base, "QUERY_STRING": "page=2&order=newest"})
    assert key == cache_key({**base, "QUERY_STRING": "order=newest&page=2&utm_source=x&fbclid=1"})
    assert key != cache_key({**base, "QUERY_STRING": "page=3&order=newest"})
    assert cache_key({**base, "REQUEST_METHOD": "POST"}) is None
    assert cache_key({**base, "HTTP_COOKIE": "sessionid=abc"}) is None
    assert cache_key({**base, "HTTP_COOKIE": "csrftoken=abc; dateline_reader=x"}) is not None
    assert cache_key({**base, "PATH_INFO": "/en/-/reader/state/1/"}) is None
    assert cache_key({**base, "PATH_INFO": "/admin/"}) is None


def test_a_render_that_started_before_a_purge_is_never_served(client, en_article):
    key = cache_key({"REQUEST_METHOD": "GET", "PATH_INFO": en_article.url, "HTTP_HOST": "testserver"})
    store = store_module.get_store()
    started = time.time() - 1
    store.purge_tags({f"page:{en_article.pk}"})  # a purge while the render ran
    entry = Entry(200, [], b"old", '"x"', "", started, time.time() + 60, (f"page:{en_article.pk}",))
    store.put(key, entry)
    assert store.get(key) is None


SHARED_STORE_SCRIPT = """
import os, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.settings.test"
django.setup()
from django.conf import settings
from django.core.cache import caches
settings.CACHES["pages"] = {"BACKEND": "diskcache.DjangoCache", "LOCATION": sys.argv[1]}
from dateline.pagecache.store import Entry, PageStore
store = PageStore()
if sys.argv[2] == "put":
    store.put("k", Entry(200, [], b"shared", '"e"', "", time.time(), time.time() + 60, ("page:1",)))
else:
    store.purge_tags({"page:1"})
"""


def test_worker_processes_share_pages_and_purges_through_the_disk_store(tmp_path, settings):
    """Another process stores a page this one serves, then purges it: this one's memory copy goes too."""
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "diskcache.DjangoCache", "LOCATION": str(tmp_path)}}
    caches._settings = None
    if hasattr(caches._connections, "pages"):
        del caches._connections.pages
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    subprocess.run([sys.executable, "-c", SHARED_STORE_SCRIPT, str(tmp_path), "put"], check=True, env=env)
    store = PageStore()
    assert store.get("k").body == b"shared"
    assert store.get("k").body == b"shared"  # now from this process's memory
    subprocess.run([sys.executable, "-c", SHARED_STORE_SCRIPT, str(tmp_path), "purge"], check=True, env=env)
    assert store.get("k") is None
    del caches._connections.pages


def test_a_cached_copy_carries_the_pages_security_headers(client, en_article):
    """A hit sends the same Content-Security-Policy and other security headers as the render it copies."""
    first = client.get(en_article.url)
    second = client.get(en_article.url)
    assert (first["X-Dateline-Cache"], second["X-Dateline-Cache"]) == ("miss", "hit")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert first.has_header(name), name
        assert second.get(name) == first[name], name
