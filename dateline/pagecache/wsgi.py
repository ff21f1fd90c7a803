"""The hit path: a WSGI application that answers cached pages before Django's request handling.

``PageCacheApp(django_app)`` wraps Django's WSGI handler (``dateline/wsgi.py``). For an
anonymous GET/HEAD of a cacheable path it looks the key up in the shared store and, on a
hit, answers from there — no request object, no middleware, no URL resolving, no
database — with ``304 Not Modified`` when the client's ``If-None-Match`` or
``If-Modified-Since`` (RFC 9110 §13) matches. Everything else goes to Django, marked with
the moment its render started (see ``store`` for why that moment matters).

When a cacheable page is missing, the first request claims its render in the shared store and
the others asking for it meanwhile, in any process, wait for that render (at most
``DATELINE_PAGECACHE_WAIT_SECONDS``) and answer from it: when news breaks and a purged home page
is asked for by hundreds of readers at once, it is rendered once, not once per reader (nginx's
``proxy_cache_lock`` does the same in front). A waiter whose render stored nothing to share, or
raced a purge, renders the page itself.
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime

from django.conf import settings

from .middleware import LOOKED_UP, STARTED, STATUS_HEADER
from .store import Entry, cache_key, get_store

logger = logging.getLogger(__name__)
NOT_MODIFIED_HEADERS = frozenset({"cache-control", "etag", "last-modified", "vary", "content-language"})


def not_modified(entry: Entry, environ) -> bool:
    """True when the client's validators match ``entry`` (``If-None-Match`` takes precedence)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if if_none_match.strip() == "*":
            return True
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return entry.etag in tags
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since:
        try:
            return parsedate_to_datetime(entry.last_modified) <= parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
    return False


class PageCacheApp:
    """WSGI middleware: serve stored pages from the shared page cache, pass the rest to ``app``."""

    def __init__(self, app):
        self.app = app
        self.enabled = settings.DATELINE_PAGECACHE_ENABLED
        self.wait_seconds = settings.DATELINE_PAGECACHE_WAIT_SECONDS

    def __call__(self, environ, start_response):
        key = cache_key(environ) if self.enabled else None
        if key is None:
            return self.app(environ, start_response)
        store = get_store()
        claimed = False
        try:
            entry = store.get(key)
            if entry is None:
                # Readers arriving at once for a page not stored (just published, just purged) wait for
                # the first one's render instead of each rendering it.
                claimed = store.claim(key, self.wait_seconds)
                if not claimed:
                    entry = store.wait_for(key, self.wait_seconds)
        except Exception:  # an unreachable store: render instead
            logger.exception("Page cache lookup failed")
            entry = None
        if entry is None:
            environ[STARTED] = time.time()  # before Django reads anything
            environ[LOOKED_UP] = True
            try:
                return self.app(environ, start_response)  # the middleware stores the page before this returns
            finally:
                if claimed:
                    try:
                        store.release(key)
                    except Exception:  # the claim expires by itself
                        logger.exception("Could not end the render claim of a page")
        if not_modified(entry, environ):
            headers = [(name, value) for name, value in entry.headers if name.lower() in NOT_MODIFIED_HEADERS]
            start_response("304 Not Modified", headers)
            return [b""]
        start_response("200 OK", entry.hit_headers(STATUS_HEADER))
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return [entry.body]
