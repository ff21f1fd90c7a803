"""A per-key, per-minute request counter on Django's cache (fixed one-minute windows).

Works with any cache whose ``incr`` is atomic on one server (Redis) or in one
process (locmem): ``add`` creates the window's counter, ``incr`` counts.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class RateDecision:
    """The outcome of counting one request.

    ``count`` is the request's number in the current window, ``limit`` the
    allowance, ``retry_after`` the seconds (an integer ≥ 1) until the window ends.
    """

    allowed: bool
    count: int
    limit: int
    retry_after: int

    @property
    def remaining(self) -> int:
        """Requests still allowed in this window (never negative)."""
        return max(self.limit - self.count, 0)


def count_request(bucket: str, limit: int, now: float | None = None) -> RateDecision:
    """Count one request in ``bucket`` (e.g. ``"apikey:12"``) against ``limit`` per minute.

    ``now`` is a Unix time in seconds (for tests). Returns a ``RateDecision``;
    the request is allowed while the window's count is at most ``limit``.
    """
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    key = f"distribution:ratelimit:{bucket}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    retry_after = max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
    return RateDecision(allowed=count <= limit, count=count, limit=limit, retry_after=retry_after)
