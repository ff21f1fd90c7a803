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
