"""Fixtures of the errorreports tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Rate-limit counters live in the cache: every test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()
