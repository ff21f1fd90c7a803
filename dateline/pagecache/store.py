"""The shared store of rendered pages, and how an entry is found and checked.

Entries live in the ``CACHES["pages"]`` cache (``settings.DATELINE_PAGECACHE_ALIAS``):
on one machine a diskcache directory that every worker process shares, with
``REDIS_URL`` the Redis server that every app server shares. Exact purge works by
*dependency tags with purge times*: an entry records the moment its render started
and the tags of what it shows (``dateline.pagecache.dependencies``); purging a tag
writes the current time under ``purged:<tag>``. An entry is served only while none of
its tags was purged after its render started, so a render that raced a purge is never
served. A per-process copy of hot entries (``DATELINE_PAGECACHE_LOCAL_ENTRIES``) spares
the store round trips: it is trusted while the *purge epoch* — a counter every purge
increments — has not moved, and re-checked against the tags' purge times when it has.
The epoch is an 8-byte memory-mapped file next to the diskcache directory (read without a
system call), or a key in the store when that is Redis (other machines purge too).
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import math
import mmap
import os
import struct
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

#: Query parameters that never change a page (campaign and click trackers): left out of the key.
IGNORED_QUERY_PARAMETERS = frozenset({"fbclid", "gclid", "yclid", "dclid", "msclkid", "_openstat", "mc_cid", "mc_eid"})
#: Headers a stored page keeps; anything per request or per reader (Set-Cookie, Vary: Cookie) is refused earlier.
STORED_HEADERS = frozenset(
    {
        "content-type",
        "content-language",
        "cache-control",
        "etag",
        "last-modified",
        "vary",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "link",
        "allow",
        # the security headers (issue 12): a cached copy carries the same policy as the page it copies
        "content-security-policy",
        "content-security-policy-report-only",
        "strict-transport-security",
        "permissions-policy",
    }
)
ENTRY_PREFIX = "page:"
PURGED_PREFIX = "purged:"
#: The key a request holds while it renders a page that others may wait for (``PageStore.claim``).
RENDERING_PREFIX = "rendering:"
#: Seconds between two looks of a waiting request at the store (``PageStore.wait_for``).
WAIT_POLL_SECONDS = 0.005
EPOCH_KEY = "epoch"


@dataclass
class Entry:
    """One stored response: what the hit path sends, and what it depends on.

    ``rendered_at`` is the time (seconds since the epoch) the render started,
    ``expires_at`` the safety-net expiry, ``tags`` the dependency tags.
    """

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    etag: str
    last_modified: str
    rendered_at: float
    expires_at: float
    tags: tuple[str, ...]
    url: str = ""
    checked_epoch: int = field(default=-1, compare=False)
    #: The headers of a full answer from this entry, built on its first hit in a process (``hit_headers``).
    _hit_headers: list[tuple[str, str]] | None = field(default=None, compare=False, repr=False)

    def hit_headers(self, status_header: str) -> list[tuple[str, str]]:
        """The headers of a 200 answer from this entry: its own, ``Content-Length`` and ``status_header: hit``."""
        if self._hit_headers is None:
            self._hit_headers = [*self.headers, ("Content-Length", str(len(self.body))), (status_header, "hit")]
        return self._hit_headers


def pages_cache():
    """Return the Django cache that holds the pages (``CACHES[DATELINE_PAGECACHE_ALIAS]``)."""
    return caches[settings.DATELINE_PAGECACHE_ALIAS]


def is_redis(cache) -> bool:
    """True when ``cache`` is Django's Redis backend (shared by several machines)."""
    return isinstance(cache, RedisCache)


class FileEpoch:
    """A purge counter in an 8-byte memory-mapped file shared by the processes of one machine.

    ``read`` costs no system call; ``bump`` increments under an exclusive ``flock``.
    """

    def __init__(self, path: str):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size < 8:
                os.ftruncate(fd, 8)
            self._map = mmap.mmap(fd, 8)
        finally:
            os.close(fd)
        self._path = path

    def read(self) -> int:
        """Return the current epoch."""
        return struct.unpack_from("Q", self._map, 0)[0]

    def bump(self) -> int:
        """Increment the epoch and return the new value."""
        with open(self._path, "rb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                value = self.read() + 1
                struct.pack_into("Q", self._map, 0, value)
                return value
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


class CacheEpoch:
    """A purge counter kept in the pages cache itself (Redis: shared by every machine)."""

    def __init__(self, cache):
        self._cache = cache

    def read(self) -> int:
        """Return the current epoch (0 when never purged)."""
        return self._cache.get(EPOCH_KEY) or 0

    def bump(self) -> int:
        """Increment the epoch atomically and return the new value."""
        self._cache.add(EPOCH_KEY, 0, timeout=None)
        try:
            return self._cache.incr(EPOCH_KEY)
        except ValueError:  # evicted between add and incr
            self._cache.set(EPOCH_KEY, 1, timeout=None)
            return 1


class PageStore:
    """Looks up, stores and invalidates rendered pages in the shared cache (one per process)."""

    def __init__(self):
        self.cache = pages_cache()
        directory = getattr(self.cache, "directory", None)
        if directory and not is_redis(self.cache):
            self.epoch = FileEpoch(os.path.join(directory, "purge-epoch"))
        else:
            self.epoch = CacheEpoch(self.cache)
        self.local: dict[str, Entry] = {}
        self.local_limit = settings.DATELINE_PAGECACHE_LOCAL_ENTRIES

    # -- lookup ---------------------------------------------------------------------------
    def get(self, key: str) -> Entry | None:
        """Return the valid entry stored under ``key``, or None (missing, expired or purged)."""
        now = time.time()
        epoch = self.epoch.read()
        entry = self.local.get(key)
        if entry is not None:
            if entry.expires_at <= now:
                self.local.pop(key, None)
                entry = None
            elif entry.checked_epoch == epoch:
                return entry
        if entry is None:
            entry = self.cache.get(ENTRY_PREFIX + key)
            if entry is None or entry.expires_at <= now:
                return None
        if not self.is_fresh(entry):
            self.local.pop(key, None)
            return None
        entry.checked_epoch = epoch
        if key not in self.local and len(self.local) >= self.local_limit:
            self.local.pop(next(iter(self.local)), None)  # the oldest one in
        self.local[key] = entry
        return entry

    def is_fresh(self, entry: Entry) -> bool:
        """True when no tag of ``entry`` was purged since its render started."""
        purged = self.cache.get_many([PURGED_PREFIX + tag for tag in entry.tags])
        return all(when < entry.rendered_at for when in purged.values())

    # -- storing --------------------------------------------------------------------------
    def put(self, key: str, entry: Entry) -> None:
        """Store ``entry`` under ``key`` in the shared cache (until its ``expires_at``)."""
        timeout = max(1, int(entry.expires_at - time.time()))
        self.cache.set(ENTRY_PREFIX + key, entry, timeout=timeout)

    # -- one render per page ----------------------------------------------------------------
    def claim(self, key: str, seconds: float) -> bool:
        """Mark ``key`` as being rendered by this request for at most ``seconds``; False when another
        request already renders it (an atomic add in the shared cache: one claim across processes)."""
        return bool(self.cache.add(RENDERING_PREFIX + key, os.getpid(), timeout=max(1, math.ceil(seconds))))

    def release(self, key: str) -> None:
        """End this request's claim of ``key`` (after its page is stored, or not)."""
        self.cache.delete(RENDERING_PREFIX + key)

    def wait_for(self, key: str, seconds: float) -> Entry | None:
        """Wait up to ``seconds`` for the render another request claimed of ``key``; return its entry, or
        ``None`` when that render stored nothing to share (an error page, a page for one reader) or took
        too long. A render that raced a purge is not returned (``get`` checks the purge times)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(WAIT_POLL_SECONDS)
            entry = self.get(key)
            if entry is not None:
                return entry
            if not self.cache.has_key(RENDERING_PREFIX + key):
                return self.get(key)  # stored just before the claim ended, or nothing to share
        return None

    # -- purging --------------------------------------------------------------------------
    def purge_tags(self, tags) -> None:
        """Mark every entry that depends on one of ``tags`` stale, in every process and machine."""
        tags = sorted(set(tags))
        if not tags:
            return
        now = time.time()
        # A purge time must outlive every entry that could carry the tag.
        keep = settings.DATELINE_PAGECACHE_SECONDS + 60
        self.cache.set_many({PURGED_PREFIX + tag: now for tag in tags}, timeout=keep)
        self.epoch.bump()
        for key in [key for key, entry in self.local.items() if set(entry.tags) & set(tags)]:
            self.local.pop(key, None)


_store: PageStore | None = None


def get_store() -> PageStore:
    """Return this process's ``PageStore``."""
    global _store
    if _store is None:
        _store = PageStore()
    return _store


def reset_store() -> None:
    """Forget this process's store (tests that change the cache settings call it)."""
    global _store
    _store = None


# -- keys ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeySettings:
    """The settings a request's key depends on, read once (the hit path runs on every request,
    and each ``settings.X`` costs a lazy-object lookup); renewed when a setting changes."""

    excluded_prefixes: tuple[str, ...]
    secure_proxy_ssl_header: tuple[str, str] | None
    language_codes: tuple[str, ...]
    language_code: str
    language_cookie: str
    session_cookie: str


@functools.cache
def key_settings() -> KeySettings:
    """This process's ``KeySettings`` (``settings`` read on the first call after a change)."""
    return KeySettings(
        excluded_prefixes=tuple(settings.DATELINE_PAGECACHE_EXCLUDED_PREFIXES),
        secure_proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
        language_codes=tuple(code for code, _name in settings.LANGUAGES),
        language_code=settings.LANGUAGE_CODE,
        language_cookie=settings.LANGUAGE_COOKIE_NAME,
        session_cookie=settings.SESSION_COOKIE_NAME,
    )


def _forget_key_settings(**kwargs) -> None:
    key_settings.cache_clear()


setting_changed.connect(_forget_key_settings, dispatch_uid="pagecache.key_settings")


def request_language(environ) -> str:
    """The language a request is answered in: its URL prefix, else its cookie or Accept-Language.

    Follows ``django.middleware.locale.LocaleMiddleware`` for the two kinds of URL Dateline has.
    """
    known = key_settings()
    codes = known.language_codes
    path = environ.get("PATH_INFO", "")
    first = path[1:].split("/", 1)[0]
    if first in codes:
        return first
    cookie = environ.get("HTTP_COOKIE", "")
    if known.language_cookie in cookie:
        morsel = SimpleCookie()
        try:
            morsel.load(cookie)
        except Exception:  # noqa: BLE001 - a malformed cookie counts as none
            morsel = SimpleCookie()
        value = morsel.get(known.language_cookie)
        if value is not None and value.value in codes:
            return value.value
    for accept_lang, _q in parse_accept_lang_header(environ.get("HTTP_ACCEPT_LANGUAGE", "")):
        if accept_lang == "*":
            break
        try:
            return get_supported_language_variant(accept_lang)
        except LookupError:
            continue
    return known.language_code


def normalised_query(query_string: str) -> str:
    """The query string with its parameters sorted and trackers (``utm_*``, click ids) left out."""
    if not query_string:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if not name.startswith("utm_") and name not in IGNORED_QUERY_PARAMETERS
    ]
    return urlencode(sorted(pairs))


#: Most request descriptions whose hashed key a process remembers (``cache_key``): its hot pages.
KEY_MEMORY = 10_000
_hashed: dict[str, str] = {}


def cache_key(environ) -> str | None:
    """Return the store key of a request (WSGI environ or ``request.META``), or None when not cacheable.

    Only anonymous GET and HEAD requests (no session cookie: an editor; no Authorization) of a
    cacheable path have a key: reader pages, feeds, sitemaps and the ninjs API, not the admin,
    static and media files, documents, nor the per-reader endpoints (``/<lang>/-/``). The key:
    scheme, host, path, normalised query and language, hashed (SHA-256, hex).
    It runs on every request: the hash of a hot page's description is remembered
    (``KEY_MEMORY`` of them, forgotten all at once when full), and the settings are read once.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "")
    known = key_settings()
    if path.startswith(known.excluded_prefixes) or "/-/" in path or environ.get("HTTP_AUTHORIZATION"):
        return None
    cookie = environ.get("HTTP_COOKIE")
    if cookie and (known.session_cookie + "=") in cookie:
        return None
    host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).lower()
    scheme = environ.get("wsgi.url_scheme", "http")
    if proxy_header := known.secure_proxy_ssl_header:
        header, value = proxy_header
        scheme = "https" if environ.get(header) == value else scheme
    query = environ.get("QUERY_STRING")
    raw = f"{scheme}\n{host}\n{path}\n{normalised_query(query) if query else ''}\n{request_language(environ)}"
    key = _hashed.get(raw)
    if key is None:
        if len(_hashed) >= KEY_MEMORY:
            _hashed.clear()
        key = _hashed[raw] = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return key
