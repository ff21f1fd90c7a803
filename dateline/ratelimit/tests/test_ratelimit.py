"""The rate limiter is exact under concurrency, on the local-memory cache and on Redis."""

import socket
import threading

import pytest
from django.core.cache import caches
from django.test import override_settings

from dateline.ratelimit import RateLimitExceeded, hit

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


def concurrent_hits(scope: str, limit: int, callers: int) -> int:
    allowed = []
    barrier = threading.Barrier(callers)

    def call():
        barrier.wait()
        try:
            hit(scope, "key", limit=limit, window=3600)
            allowed.append(1)
        except RateLimitExceeded:
            pass

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(allowed)


def test_concurrent_callers_never_pass_the_limit_together():
    assert concurrent_hits("locmem-race", limit=20, callers=60) == 20


@pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")
def test_concurrent_callers_never_pass_the_limit_on_redis():
    cache_settings = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=cache_settings):
        caches["default"].clear()
        try:
            assert concurrent_hits("redis-race", limit=20, callers=60) == 20
        finally:
            caches["default"].clear()


def test_window_resets_and_refusals_tell_when():
    start = 1_800_000_000  # a multiple of 60
    assert [hit("reset", "k", 2, 60, now=start + s) for s in (0, 10)] == [1, 2]
    with pytest.raises(RateLimitExceeded) as refused:
        hit("reset", "k", 2, 60, now=start + 45)
    assert refused.value.retry_after == 15
    assert hit("reset", "k", 2, 60, now=start + 60) == 1
