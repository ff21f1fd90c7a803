"""The page cache is on in these tests (``settings.test`` turns it off elsewhere), and starts empty."""

import pytest
from django.core.cache import caches

from dateline.pagecache.store import reset_store


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.DATELINE_PAGECACHE_ENABLED = True
    caches["pages"].clear()
    reset_store()
    yield
    caches["pages"].clear()
    reset_store()
