"""diskcache as Django's cache here: connections kept between requests, renditions written once."""

from unittest import mock

from django.core.signals import request_finished

from dateline.availability.cache import PersistentDiskCache, RenditionDiskCache


def test_the_end_of_a_request_keeps_the_shards_open(tmp_path):
    cache = PersistentDiskCache(str(tmp_path), {"SHARDS": 2})
    cache.set("key", "value")
    with mock.patch("diskcache.FanoutCache.close") as closed:
        cache.close()  # what Django's close_caches does on request_finished
        assert not closed.called
        cache.close_for_good()
        assert closed.called
    assert cache.get("key") == "value"


def test_the_end_of_a_request_closes_the_caches_but_not_diskcache(settings, tmp_path):
    from django.core.cache import caches, close_caches

    settings.CACHES = {
        **settings.CACHES,
        "kept": {"BACKEND": "dateline.availability.cache.PersistentDiskCache", "LOCATION": str(tmp_path)},
    }
    kept = caches["kept"]
    kept.set("a", 1)
    assert close_caches in request_finished._live_receivers(None)[0]  # what Django runs when a request ends
    with mock.patch("diskcache.FanoutCache.close") as closed:
        close_caches()
    assert not closed.called


def test_renditions_are_written_only_when_missing(tmp_path):
    cache = RenditionDiskCache(str(tmp_path), {"SHARDS": 1})
    cache.set_many({"a": 1, "b": 2})
    with mock.patch("diskcache.FanoutCache.set", wraps=cache._cache.set) as written:
        assert cache.set_many({"a": 1, "b": 2, "c": 3}) == []
    assert [call.args[0] for call in written.call_args_list] == [cache.make_and_validate_key("c")]
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2, "c": 3}


def test_a_rendition_is_written_once_by_get_rendition_calls(tmp_path):
    cache = RenditionDiskCache(str(tmp_path), {"SHARDS": 1})
    cache.set("wagtail-rendition-1", "first")
    with mock.patch("diskcache.FanoutCache.set", wraps=cache._cache.set) as written:
        cache.set("wagtail-rendition-1", "first")  # what Wagtail's get_rendition does on every call
        cache.set("wagtail-rendition-2", "second")
    assert [call.args[0] for call in written.call_args_list] == [cache.make_and_validate_key("wagtail-rendition-2")]


def test_tree_keys_are_read_once_per_request_and_writes_are_seen(tmp_path):
    from dateline.availability.cache import end_request_memo, start_request_memo

    cache = PersistentDiskCache(str(tmp_path), {"SHARDS": 1})
    other_process = PersistentDiskCache(str(tmp_path), {"SHARDS": 1})
    cache.set("news:tree-generation:v1", "1")
    cache.set("ratelimit:x", 1)
    start_request_memo()
    try:
        with mock.patch("diskcache.FanoutCache.get", wraps=cache._cache.get) as read:
            assert [cache.get("news:tree-generation:v1") for _ in range(5)] == ["1"] * 5
            assert cache.get("news:tree:1:missing", "default") == "default"
            assert cache.get("news:tree:1:missing") is None
            assert cache.get("ratelimit:x") == cache.get("ratelimit:x") == 1
        assert read.call_count == 2 + 2  # one per tree key, every read of other keys
        other_process.set("news:tree-generation:v1", "2")
        assert cache.get("news:tree-generation:v1") == "1"  # this request keeps what it read
        cache.set("news:tree-generation:v1", "3")
        assert cache.get("news:tree-generation:v1") == "3"  # its own write is seen at once
        cache.delete("news:tree-generation:v1")
        assert cache.get("news:tree-generation:v1") is None
    finally:
        end_request_memo()
    other_process.set("news:tree-generation:v1", "4")
    assert cache.get("news:tree-generation:v1") == "4"  # outside a request: always from the store
