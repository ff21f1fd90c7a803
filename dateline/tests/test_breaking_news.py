"""Urgency and the breaking-news banner: on every page of its edition until it expires or is cleared."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from dateline.news.models import ArticlePage
from dateline.news.signals import pages_changed
from dateline.newsroom import tasks
from dateline.newsroom.models import Release


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sent():
    """The ``pages_changed`` signals sent during the test: list of (pages, locales)."""
    calls = []

    def receiver(sender, pages=(), locales=(), **kwargs):
        calls.append(([p.pk for p in pages], [loc.language_code for loc in locales]))

    pages_changed.connect(receiver, dispatch_uid="test-breaking")
    yield calls
    pages_changed.disconnect(dispatch_uid="test-breaking")


def set_breaking(article, until, breaking=True):
    page = article.get_latest_revision_as_object()
    page.breaking, page.breaking_until = breaking, until
    page.full_clean()
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def banner(url):
    html = Client().get(url).content.decode()
    return 'class="breaking-banner"' in html, html


def test_banner_on_every_page_of_its_edition_only(en_article, ru_article, sent):
    set_breaking(en_article, timezone.now() + timedelta(hours=1))
    assert ([en_article.pk], ["en"]) in sent
    for url in ["/en/", "/en/news/", en_article.url, "/en/search/?q=x", "/en/corrections/", en_article.dossier.url]:
        shown, html = banner(url)
        assert shown, url
        assert en_article.title in html
    assert banner("/en/no-such-page/")[0]  # the 404 page has the edition's chrome too
    for url in ["/ru/", "/ru/news/", ru_article.url]:
        assert not banner(url)[0], url
    shown, html = banner("/ru/")
    assert "Срочно" not in html


def test_banner_ends_at_its_expiry_and_the_job_purges_the_edition_once(en_article, sent, monkeypatch):
    article = set_breaking(en_article, timezone.now() + timedelta(minutes=10))
    assert banner("/en/")[0]
    sent.clear()
    assert tasks.release_due(now=timezone.now())["breaking"] == 0  # not yet
    # Ten minutes later: gone at read time, and the job purges every page of the edition once
    expiry = article.breaking_until
    moment = expiry + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert not banner("/en/")[0]
    assert tasks.release_due()["breaking"] == 1
    assert sent == [([article.pk], ["en"])]
    assert tasks.release_due()["breaking"] == 0
    assert Release.objects.filter(article=article, kind=Release.BREAKING).count() == 1
    assert expiry is not None


def test_clearing_the_flag_removes_the_banner_and_purges(en_article, sent):
    article = set_breaking(en_article, timezone.now() + timedelta(hours=1))
    sent.clear()
    set_breaking(article, None, breaking=False)
    assert not banner("/en/")[0]
    assert sent == [([article.pk], ["en"])]


def test_breaking_without_expiry_gets_the_default_hours(en_article, settings):
    settings.DATELINE_NEWSROOM_BREAKING_HOURS = 2
    article = set_breaking(en_article, None)
    left = article.breaking_until - timezone.now()
    assert timedelta(hours=1, minutes=59) < left <= timedelta(hours=2)


def test_the_release_job_is_a_periodic_task(db):
    job, interval = tasks.PERIODIC_TASKS[0]
    assert job is tasks.release_embargoes_and_banners and interval > 0
    assert job.call() == {"embargo": 0, "breaking": 0}


@pytest.mark.parametrize(
    ("urgency", "number", "label"), [("flash", 1, "Flash"), ("urgent", 3, "Urgent"), ("normal", 5, None)]
)
def test_urgency_on_the_article_and_in_ninjs(en_article, urgency, number, label):
    from dateline.distribution.actions import create_api_key

    page = en_article.get_latest_revision_as_object()
    page.urgency = urgency
    page.save_revision().publish()
    html = Client().get(en_article.url).content.decode()
    assert (f'class="urgency urgency--{urgency}">{label}<' in html) is (label is not None)
    key = create_api_key(name="t", subscriber="s", rate_limit_per_minute=100)[1]
    item = Client().get(f"/api/ninjs/{en_article.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert item["urgency"] == number
