"""Fixtures shared by every app's tests: the demo site and its pages."""

import pytest


@pytest.fixture
def demo(db):
    """Load the demo content (both editions, the reference article) and return its report."""
    from dateline.news.demo_content import load_demo_content

    return load_demo_content()


@pytest.fixture
def en_article(demo):
    """The reference article in the English edition."""
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code="en")


@pytest.fixture
def ru_article(demo):
    """The agency's Russian translation of the reference article."""
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code="ru")
