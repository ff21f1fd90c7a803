"""The Redis caches (the shared store and the page cache's) make one ``redis.Redis`` per connection pool and reuse it
(``ReusedClientRedisCacheClient``): Django made one per cache operation, whose construction in redis-py 8 cost more
than the operation."""

import secrets
import socket
import threading

import pytest
import redis

from dateline.availability.cache import ResilientRedisCache, ReusedClientRedisCache
from dateline.pagecache.store import is_redis

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture(params=[ReusedClientRedisCache, ResilientRedisCache])
def cache(request):
    backend = request.param(REDIS_URL, {"KEY_PREFIX": f"test-client-{secrets.token_hex(4)}"})
    yield backend
    backend.clear()


def test_one_client_serves_every_operation(cache, monkeypatch):
    made = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    for n in range(20):
        cache.set(f"k{n}", n)
        assert cache.get(f"k{n}") == n
    assert cache.add("counter", 0) is True
    assert cache.incr("counter", 5) == 5
    assert cache.get_many(["k1", "k2", "missing"]) == {"k1": 1, "k2": 2}
    assert len(made) == 1  # Django's own client made one per operation: 44 here
    assert cache._cache.get_client() is cache._cache.get_client(write=True)  # one server: one pool
    assert is_redis(cache)


def test_the_shared_client_counts_right_from_many_threads(cache):
    cache.set("hits", 0)

    def hit():
        for _ in range(50):
            cache.incr("hits")

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("hits") == 400
