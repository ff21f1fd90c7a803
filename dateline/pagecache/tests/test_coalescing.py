"""Readers who ask at once for a page that is not stored get one render: the first request renders, the
others wait for it and answer from it, in any process; never a copy that raced a purge, never a wait
longer than ``DATELINE_PAGECACHE_WAIT_SECONDS``."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from django.core.cache import caches

from dateline.pagecache.middleware import STARTED
from dateline.pagecache.store import Entry, PageStore, cache_key, get_store
from dateline.pagecache.wsgi import PageCacheApp

from .test_serving import wsgi_get

PATH = "/en/news/"
TAGS = ("page:1",)


class SlowRender:
    """A stand-in for Django: renders for ``seconds``, then stores the page as the middleware does
    (unless ``store`` is False: a page for one reader, an error), and counts its renders."""

    def __init__(self, seconds: float = 0.3, store: bool = True, purge_during: bool = False):
        self.seconds, self.store, self.purge_during = seconds, store, purge_during
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.renders += 1
            number = self.renders
        time.sleep(self.seconds)
        body = f"render {number}".encode()
        if self.purge_during and number == 1:
            get_store().purge_tags(set(TAGS))  # an editor publishes while the first render runs
        if self.store:
            started = environ[STARTED]
            entry = Entry(200, [("Content-Type", "text/html")], body, '"e"', "", started, time.time() + 60, TAGS)
            get_store().put(cache_key(environ), entry)
        start_response("200 OK", [("Content-Type", "text/html")])
        return [body]


def at_once(app, readers: int) -> list[tuple[int, dict, bytes]]:
    """``readers`` requests for ``PATH`` started together; their (status, headers, body)."""
    answers: list = [None] * readers
    start = threading.Barrier(readers)

    def read(index):
        start.wait()
        answers[index] = wsgi_get(app, PATH)

    threads = [threading.Thread(target=read, args=(index,)) for index in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return answers


def test_readers_arriving_at_once_get_one_render():
    render = SlowRender()
    answers = at_once(PageCacheApp(render), 8)
    assert render.renders == 1
    assert {body for _status, _headers, body in answers} == {b"render 1"}
    assert sorted(headers.get("x-dateline-cache", "miss") for _status, headers, _body in answers) == ["hit"] * 7 + [
        "miss"
    ]


def test_a_render_with_nothing_to_share_lets_each_waiter_render():
    render = SlowRender(seconds=0.1, store=False)
    answers = at_once(PageCacheApp(render), 3)
    assert render.renders == 3
    assert all(status == 200 for status, _headers, _body in answers)


def test_a_render_that_raced_a_purge_is_not_handed_to_the_waiters():
    render = SlowRender(purge_during=True)
    answers = at_once(PageCacheApp(render), 3)
    bodies = sorted(body for _status, _headers, body in answers)
    assert bodies.count(b"render 1") == 1  # only its own reader gets the render the purge overtook
    assert render.renders >= 2


def test_no_reader_waits_longer_than_the_setting(settings):
    settings.DATELINE_PAGECACHE_WAIT_SECONDS = 0.3
    app = PageCacheApp(SlowRender(seconds=0))
    key = cache_key({"REQUEST_METHOD": "GET", "PATH_INFO": PATH, "QUERY_STRING": "", "HTTP_HOST": "localhost"})
    assert get_store().claim(key, 60)  # a render that never ends (its process died)
    started = time.monotonic()
    status, _headers, body = wsgi_get(app, PATH)
    assert (status, body) == (200, b"render 1")
    assert 0.25 < time.monotonic() - started < 2


def test_the_claim_is_one_across_processes(tmp_path, settings):
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "diskcache.DjangoCache", "LOCATION": str(tmp_path)}}
    caches._settings = None
    if hasattr(caches._connections, "pages"):
        del caches._connections.pages
    script = """
import os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.settings.test"
django.setup()
from django.conf import settings
settings.CACHES["pages"] = {"BACKEND": "diskcache.DjangoCache", "LOCATION": sys.argv[1]}
from dateline.pagecache.store import PageStore
sys.exit(0 if PageStore().claim("k", 60) else 3)
"""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    assert subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env).returncode == 0
    store = PageStore()
    assert not store.claim("k", 60)  # the other process renders it
    store.release("k")
    assert store.claim("k", 60)
    assert subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env).returncode == 3
    del caches._connections.pages
