"""A Redis cache that keeps the site up when Redis is down.

Cached data is only a copy: when Redis cannot be reached, reads are a miss and
writes are dropped, so pages, feeds, sitemaps and the API are answered from the
database. Each failure is logged (at most once per ``LOG_EVERY`` seconds per
process), never raised. Counters are different: ``add``, ``incr`` and ``decr``
back the rate limits, API-key quotas and one-time form tokens, and letting a
write through unchecked would break them, so they raise; the availability
middleware turns that into a 503 in the reader's language before anything is
stored.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("dateline.availability")

#: Seconds between two log lines about the same unavailable Redis (per process).
LOG_EVERY = 10.0


class ResilientRedisCache(RedisCache):
    """Django's ``RedisCache`` whose reads and writes of cached data fail soft (logged, not raised).

    ``get``/``get_many``/``has_key`` answer a miss, ``set``/``set_many``/``delete``/``delete_many``/
    ``touch``/``clear`` do nothing when Redis fails (``redis.exceptions.RedisError``: refused,
    timed out, out of memory). ``add``, ``incr`` and ``decr`` raise ``RedisError`` as Django's do.
    """

    _last_logged = 0.0

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

    def set(self, key, value, timeout=None, version=None, **kwargs):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self._failed("set", error)

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._failed("set_many", error)
            return list(data)

    def touch(self, key, timeout=None, version=None):
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

    def get_or_set(self, key, default, timeout=None, version=None):
        """Return the cached value, else compute ``default`` and store it; with Redis down, just compute it."""
        try:
            return super().get_or_set(key, default, timeout, version)
        except RedisError as error:
            self._failed("get_or_set", error)
            return default() if callable(default) else default
