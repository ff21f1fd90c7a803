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
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from .middleware import LOOKED_UP, STARTED, STATUS_HEADER
from .store import Entry, cache_key, get_store

logger = logging.getLogger(__name__)
#: Templates a reader never sees (the newsroom's admin screens): not loaded by ``warm_up``.
ADMIN_TEMPLATE_MARK = "wagtailadmin/"
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


def reader_template_names() -> list[str]:
    """The names of Dateline's own templates (the project's and each ``dateline.*`` app's), but the admin's."""
    directories = [Path(directory) for engine in settings.TEMPLATES for directory in engine.get("DIRS", [])]
    directories += [Path(app.path) / "templates" for app in apps.get_app_configs() if app.name.startswith("dateline.")]
    names = set()
    for directory in directories:
        for path in directory.rglob("*.html") if directory.is_dir() else []:
            if ADMIN_TEMPLATE_MARK not in path.read_text(encoding="utf-8", errors="replace"):
                names.add(path.relative_to(directory).as_posix())
    return sorted(names)


def warm_up() -> None:
    """Load in this process what its first renders would otherwise load while readers wait.

    The URL patterns (Wagtail's admin included), the catalogues of every language, the reader
    pages' templates (``reader_template_names``, compiled into Django's cached loader), all
    shared by the process's threads, and the cache backends' code (each thread still opens its
    own connections to a store on its first request). It reads no database. Called once per
    worker by ``dateline/wsgi.py``, before the worker serves: about 0.4 s there, and the first
    article render of a new worker (a deploy, a restart under load) takes about 100 ms instead
    of 150–210 ms. A template that does not load is left for its render to report.
    """
    get_resolver().url_patterns  # noqa: B018 - imports every URL module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Dateline")
    for name in reader_template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            logger.debug("Template %s not loaded ahead", name, exc_info=True)
    for alias in settings.CACHES:
        caches[alias]  # noqa: B018 - imports and opens the backend (this thread's own)
