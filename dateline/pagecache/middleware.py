"""Storing rendered pages, and answering from the store when no WSGI front (``wsgi``) is in front.

``PageCacheMiddleware`` comes first in ``MIDDLEWARE`` after ``ConditionalGetMiddleware``
(which then answers ``If-None-Match``/``If-Modified-Since`` with 304 on the uncached
path). For a cacheable request (``store.cache_key``) it:

* answers from the store when the WSGI front did not already look (``runserver``, tests);
* otherwise lets Django render, gives every reader page ``Last-Modified`` (the moment its
  render started) and an ``ETag`` (a hash of the body), and stores a response that is the
  same for every reader: status 200, ``Cache-Control: public``, no ``Set-Cookie``, no
  ``Vary: Cookie``, no CSRF token used, and dependency tags known for the view.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.utils.http import http_date

from . import frontends, pagefiles
from .dependencies import tags_of_view
from .store import STORED_HEADERS, Entry, cache_key, get_store, request_language

logger = logging.getLogger(__name__)
STARTED = "dateline.pagecache.started"
LOOKED_UP = "dateline.pagecache.looked_up"
STATUS_HEADER = "X-Dateline-Cache"


def response_tags(request) -> set[str] | None:
    """The dependency tags of the response to ``request``, or None when the view is not cacheable."""
    tags = getattr(request, "pagecache_tags", None)
    if tags is not None:
        return tags
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return tags_of_view(match.view_name, request_language(request.META))


def storable(request, response) -> bool:
    """True when ``response`` is the same for every reader and may be stored and shared."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "public" not in cache_control or any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a per-request nonce must never be shared between readers
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return "cookie" not in vary and "*" not in vary


def entry_headers(response) -> list[tuple[str, str]]:
    """The headers of ``response`` that a stored copy keeps (see ``store.STORED_HEADERS``)."""
    return [(name, value) for name, value in response.items() if name.lower() in STORED_HEADERS]


class PageCacheMiddleware:
    """Store anonymous reader pages in the shared page cache (and serve them when nothing else did)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATELINE_PAGECACHE_ENABLED:
            return self.get_response(request)
        key = cache_key(request.META)
        if key is not None and not request.META.get(LOOKED_UP):
            entry = get_store().get(key)
            if entry is not None:
                return response_from_entry(entry)
        started = request.META.get(STARTED) or time.time()
        response = self.get_response(request)
        tags = response_tags(request)
        if tags is None or response.status_code != 200:
            return response
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(started)
        if not response.streaming and not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha1(response.content).hexdigest()[:32]}"'  # noqa: S324 - not security
        if key is None or not storable(request, response):
            return response
        ttl = settings.DATELINE_PAGECACHE_SECONDS  # the safety net; purges are the mechanism
        entry = Entry(
            status=response.status_code,
            headers=entry_headers(response),
            body=bytes(response.content),
            etag=response["ETag"],
            last_modified=response["Last-Modified"],
            rendered_at=started,
            expires_at=started + ttl,
            tags=tuple(sorted({*tags, f"url:{request.path}"})),
            url=request.get_full_path(),
        )
        store = get_store()
        frontend_key = request.META.get(frontends.KEY_HEADER, "")
        try:
            store.put(key, entry)
            frontends.remember(frontend_key, entry.tags)
            page_file = pagefiles.write(request, entry) if pagefiles.enabled() else None
            nginx_keeps = bool(frontend_key) and frontends.enabled()
            # Checked after the index and the file are written: a purge that ran during the render
            # must not leave a copy in nginx (a later one finds both in the index).
            if (page_file or nginx_keeps) and not store.is_fresh(entry):
                if page_file:
                    pagefiles.delete(page_file)
                if nginx_keeps:
                    response[frontends.NO_CACHE_HEADER] = "0"  # nginx does not store this response
        except Exception:  # a full or unreachable store costs the cache, never the page
            logger.exception("Could not store %s in the page cache", entry.url)
        response[STATUS_HEADER] = "miss"
        return response


def response_from_entry(entry: Entry):
    """Return a Django ``HttpResponse`` made from a stored entry (the middleware's own hit path)."""
    from django.http import HttpResponse

    response = HttpResponse(entry.body, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    return response
