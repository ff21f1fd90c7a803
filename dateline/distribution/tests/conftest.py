"""Fixtures shared by the distribution tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """Start and end each test with an empty default cache (API rate-limit counters, cached answers)."""
    cache.clear()
    yield
    cache.clear()
