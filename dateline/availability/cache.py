"""The cache backends: a Redis cache that keeps the site up when Redis is down; diskcache kept open.

Cached data is only a copy: when Redis cannot be reached, reads are a miss and
writes are dropped, so pages, feeds, sitemaps and the API are answered from the
database. Each failure is logged (at most once per ``LOG_EVERY`` seconds per
process), never raised.

Counters (``add``, ``incr``, ``decr``: the rate limits and API-key quotas) go on
in the process's own memory while Redis is down: the API keeps answering and
readers' writes are taken, with each limit then held per process (at most the
number of app processes times the limit) until Redis is back; exact again from
then on. Nothing is let through uncounted.
"""

from __future__ import annotations

import logging
import threading
import time

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("dateline.availability")

#: Seconds between two log lines about the same unavailable Redis (per process).
LOG_EVERY = 10.0

#: Keys (without prefix and version) that many parts of one render read, read from the shared cache
#: once per request (``RequestMemoMixin``): the page tree's generation and the answers kept under
#: it (``news.visibility.cached_for_tree``), Wagtail's site root paths (every page URL built without
#: the request) and image renditions (a picture's nine, read by its markup and by its metadata).
REQUEST_MEMO_PREFIXES = ("news:tree", "wagtail_site_root_paths", "wagtail-rendition-")
_MISS = object()
_request = threading.local()


def start_request_memo(**kwargs) -> None:
    """Begin this thread's memo of cache reads (``request_started``)."""
    _request.values = {}


def end_request_memo(**kwargs) -> None:
    """End this thread's memo of cache reads (``request_finished``)."""
    _request.values = None


class RequestMemoMixin:
    """A cache backend that reads a key of ``REQUEST_MEMO_PREFIXES`` once per request.

    An article page read the tree's generation 8 times, Wagtail's site root paths 7 times
    and each rendition twice: 45 reads of the shared store (SQLite statements, or Redis round
    trips) for 15 keys. Between ``request_started`` and ``request_finished`` the first read of
    such a key is kept in the thread's memory and answers the next ones; a write or delete of
    the key through this backend replaces or drops it, so the request sees its own writes.
    Another process's write shows from the next request on, as the page cache would show
    it anyway. Outside requests (the worker, commands) nothing is kept. Other keys (page cache,
    rate limits, locks) always go to the store.
    """

    def _memo(self, key) -> dict | None:
        values = getattr(_request, "values", None)
        if values is None or not isinstance(key, str) or not key.startswith(REQUEST_MEMO_PREFIXES):
            return None
        return values

    def _drop(self, key, version=None) -> None:
        values = self._memo(key)
        if values is not None:
            values.pop((id(self), key, version), None)

    def get(self, key, default=None, version=None, **kwargs):
        values = None if kwargs else self._memo(key)
        if values is None:
            return super().get(key, default, version, **kwargs)
        slot = (id(self), key, version)
        if slot in values:
            value = values[slot]
        else:
            value = values[slot] = super().get(key, _MISS, version)
        return default if value is _MISS else value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._drop(key, version)
        return super().set(key, value, timeout, version, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._drop(key, version)
        return super().add(key, value, timeout, version, **kwargs)

    def delete(self, key, version=None, **kwargs):
        self._drop(key, version)
        return super().delete(key, version, **kwargs)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._drop(key, version)
        return super().touch(key, timeout, version, **kwargs)

    def incr(self, key, delta=1, version=None, **kwargs):
        self._drop(key, version)
        return super().incr(key, delta, version, **kwargs)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        for key in data:
            self._drop(key, version)
        return super().set_many(data, timeout, version, **kwargs)

    def delete_many(self, keys, version=None, **kwargs):
        for key in keys:
            self._drop(key, version)
        return super().delete_many(keys, version, **kwargs)

    def clear(self, **kwargs):
        values = getattr(_request, "values", None)
        if values:
            values.clear()
        return super().clear(**kwargs)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, with one ``redis.Redis`` per connection pool, made once and reused.

    Django makes a new ``redis.Redis`` for every cache operation (``RedisCacheClient.get_client``).
    redis-py 8's constructor sets up its retry, event and observability machinery each time: an
    article page's twelve cache operations spent about 2 ms in it, on every render and every page
    cache hit of an app server on Redis. A ``redis.Redis`` takes a connection from its pool for each
    command and is safe to share between threads (redis-py's documentation), and its pool reconnects
    after a fork, so keeping one per pool changes nothing else.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        """The ``redis.Redis`` of the pool Django would pick for this operation (made on first use)."""
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ReusedClientRedisCache(RedisCache):
    """Django's ``RedisCache`` with ``ReusedClientRedisCacheClient``: the page cache's store on Redis."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


class ResilientRedisCache(RequestMemoMixin, ReusedClientRedisCache):
    """Django's ``RedisCache`` whose reads and writes of cached data fail soft (logged, not raised).

    ``get``/``get_many``/``has_key`` answer a miss, ``set``/``set_many``/``delete``/``delete_many``/
    ``touch``/``clear`` do nothing when Redis fails (``redis.exceptions.RedisError``: refused,
    timed out, out of memory). ``add``, ``incr`` and ``decr`` count in the process's memory then.
    """

    _last_logged = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"dateline-redis-fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})

    def _failed(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= LOG_EVERY:
            ResilientRedisCache._last_logged = now
            logger.error("Redis cache unavailable (%s): %s; answering from the database", operation, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            self._failed("has_key", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self._failed("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._failed("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            self._failed("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._failed("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            self._failed("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            self._failed("clear", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Redis ``SET NX``; while Redis is down, the same in this process's memory."""
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            self._failed("add", error)
            return self._fallback.add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        """Redis ``INCRBY`` (raises ``ValueError`` for a missing key); while Redis is down, in this process."""
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._failed("incr", error)
            return self._fallback.incr(key, delta, version)

    def decr(self, key, delta=1, version=None):
        """Redis ``DECRBY``; while Redis is down, in this process."""
        return self.incr(key, -delta, version)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        """Return the cached value, else compute ``default`` and store it; with Redis down, just compute it."""
        try:
            return super().get_or_set(key, default, timeout, version)
        except RedisError as error:
            self._failed("get_or_set", error)
            return default() if callable(default) else default


class PersistentDiskCache(RequestMemoMixin, DjangoCache):
    """diskcache's Django cache, keeping its SQLite connections open between requests.

    Django closes every cache when a request finishes (``close_caches`` on
    ``request_finished``); for diskcache that closes the connection of each shard, and the
    next request opens them again, with the pragmas diskcache sets on each new connection:
    on an article page about 150 SQLite statements and 7 connections per request, a third
    of a cold render. The connections are per thread and diskcache reopens them after a
    fork (it checks the process id), so keeping them is safe; ``close_for_good`` closes them.
    """

    def close(self, **kwargs):
        """Keep the connections (called by Django at the end of every request)."""

    def close_for_good(self) -> None:
        """Close the shards' connections of this thread (diskcache's own ``close``)."""
        super().close()


class RenditionDiskCache(PersistentDiskCache):
    """The cache of Wagtail's image renditions (``CACHES["renditions"]``) on diskcache: written once per key.

    Wagtail writes every rendition it found among the prefetched ones back to the cache
    on every render (``AbstractImage.get_renditions``): nine writes per picture, each a
    SQLite transaction here, where a read costs a twentieth of one; ``get_rendition`` writes
    its one on every call. ``set`` and ``set_many`` write only the keys the cache lacks. A
    rendition's key names its image, filter and focal point, and Wagtail deletes the key when
    it deletes the rendition, so a present key is never stale.
    """

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        """Store ``value`` unless the key is there (Wagtail's ``get_rendition`` writes it on every call)."""
        if self.get(key, _MISS, version) is not _MISS:
            return True
        return super().set(key, value, timeout, version, **kwargs)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        """Store the entries of ``data`` whose keys are missing; return the keys that failed (none)."""
        present = self.get_many(list(data), version=version)
        missing = {key: value for key, value in data.items() if key not in present}
        return super().set_many(missing, timeout, version=version, **kwargs) if missing else []
