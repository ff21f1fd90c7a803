"""Fixed-window rate limits on Django's cache (atomic with local memory and Redis)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass
class RateLimitExceeded(Exception):
    """Raised by ``hit`` when ``limit`` events already happened in the current window.

    ``retry_after`` is the number of seconds until the window ends.
    """

    scope: str
    limit: int
    window: int
    retry_after: int


def hit(scope: str, key: str, limit: int, window: int, now: float | None = None) -> int:
    """Count one event of ``key`` in ``scope`` and return the count in the current window.

    ``limit`` is the number of events allowed per ``window`` seconds (fixed windows
    starting at multiples of ``window`` since the Unix epoch; ``now`` in Unix seconds,
    for tests). Raises ``RateLimitExceeded`` once ``limit`` is exceeded; refused
    events count too, so hammering does not reopen the window. The count is one
    atomic ``incr`` (Redis, or the local-memory cache's lock), so concurrent callers
    never get past the limit together. A limit of 0 or less disables the check.
    """
    if limit <= 0:
        return 0
    now = int(time.time() if now is None else now)
    window_start = now - now % window
    cache_key = f"ratelimit:{scope}:{key}:{window_start}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        raise RateLimitExceeded(scope, limit, window, window_start + window - now)
    return count


def current(scope: str, key: str, window: int, now: float | None = None) -> tuple[int, int]:
    """Return ``(events counted, seconds until the window ends)`` of ``key`` in ``scope``, without counting one.

    Same fixed windows as ``hit`` (``window`` seconds; ``now`` in Unix seconds, for tests).
    """
    now = int(time.time() if now is None else now)
    window_start = now - now % window
    return int(cache.get(f"ratelimit:{scope}:{key}:{window_start}", 0)), window_start + window - now
