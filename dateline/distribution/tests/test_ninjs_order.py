"""The ninjs list's newest-first order read from two indexes equals ordering every article."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from dateline.distribution.ninjs import distributable_articles, newest_versions
from dateline.news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_times(demo):
    """24 articles whose last publication is sometimes later than ``published_at`` (a correction
    republished), sometimes missing, sometimes equal to another article's (ties by id)."""
    rng = random.Random(7)
    now = timezone.now()
    for language in ("en", "ru"):
        section = SectionPage.objects.live().filter(locale__language_code=language).first()
        for n in range(12):
            article = ArticlePage(
                title=f"Story {n}",
                slug=f"story-{n}",
                body="<p>Text.</p>",
                published_at=now - timedelta(minutes=rng.randint(0, 900)),
                live=True,
            )
            section.add_child(instance=article)
    pages = list(Page.objects.filter(articlepage__isnull=False).order_by("pk"))
    tie = now - timedelta(hours=3)
    for n, page in enumerate(pages):
        choice = n % 4
        if choice == 0:
            page.last_published_at = now - timedelta(minutes=rng.randint(0, 600))
        elif choice == 1:
            page.last_published_at = None
        elif choice == 2:
            page.last_published_at = tie
        Page.objects.filter(pk=page.pk).update(last_published_at=page.last_published_at)
    return pages


def test_every_page_equals_ordering_all_articles(mixed_times):
    articles = distributable_articles()
    everything = [a.pk for a in articles.order_by("-version_at", "-pk")]
    assert len(everything) > 24
    for limit in (1, 3, 7, 20):
        for offset in range(0, len(everything) + limit, limit):
            page = [a.pk for a in newest_versions(articles, offset, limit)]
            assert page == everything[offset : offset + limit], (offset, limit)


def test_filters_apply_to_both_indexes(mixed_times):
    articles = distributable_articles().filter(locale__language_code="en")
    everything = [a.pk for a in articles.order_by("-version_at", "-pk")]
    assert everything
    assert [a.pk for a in newest_versions(articles, 0, 5)] == everything[:5]
    assert [a.pk for a in newest_versions(articles, 5, 5)] == everything[5:10]


def test_deeper_pages_order_everything(mixed_times, monkeypatch):
    monkeypatch.setattr("dateline.distribution.ninjs.INDEXED_DEPTH", 10)
    articles = distributable_articles()
    everything = [a.pk for a in articles.order_by("-version_at", "-pk")]
    assert [a.pk for a in newest_versions(articles, 10, 10)] == everything[10:20]
