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


def test_request_finished_closes_the_configured_caches_without_closing_diskcache(settings, tmp_path):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "kept": {"BACKEND": "dateline.availability.cache.PersistentDiskCache", "LOCATION": str(tmp_path)},
    }
    kept = caches["kept"]
    kept.set("a", 1)
    with mock.patch("diskcache.FanoutCache.close") as closed:
        request_finished.send(sender=None)
    assert not closed.called


def test_renditions_are_written_only_when_missing(tmp_path):
    cache = RenditionDiskCache(str(tmp_path), {"SHARDS": 1})
    cache.set_many({"a": 1, "b": 2})
    with mock.patch("diskcache.FanoutCache.set", wraps=cache._cache.set) as written:
        assert cache.set_many({"a": 1, "b": 2, "c": 3}) == []
    assert [call.args[0] for call in written.call_args_list] == [cache.make_and_validate_key("c")]
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2, "c": 3}
