"""Article cards are rendered once per content: the same HTML as the card template, a new card for
every change of what it shows, never another language's or host's card."""

import datetime

import pytest
from django.db import connection
from django.template import Context
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dateline.news.cards import CARD_TEMPLATE, CardCache, cards, render_card
from dateline.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def template_card(article, request, **flags):
    context = Context({"article": article, "request": request, "featured": False, "show_lead": False, **flags})
    return get_template(CARD_TEMPLATE).template.render(context)


@pytest.mark.parametrize("flags", [{}, {"show_lead": True}, {"featured": True, "show_lead": True}])
def test_a_card_is_the_card_template_the_first_time_and_after(en_article, flags):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        expected = template_card(en_article, request, **flags)
        assert render_card(en_article, request, **flags) == expected
        assert render_card(en_article, request, **flags) == expected
    assert len(cards) == 1


def test_a_kept_card_costs_no_query(en_article):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        first = render_card(en_article, request)
        with CaptureQueriesContext(connection) as queries:
            again = render_card(en_article, request)
    assert again == first
    assert len(queries) == 0


@pytest.mark.parametrize(
    "change",
    [
        ("title", "A changed headline"),
        ("published_at", datetime.datetime(2020, 5, 4, 3, 2, tzinfo=datetime.UTC)),
        ("time_zone", "Asia/Vladivostok"),
        ("url_path", "/home-en/news/moved-story/"),
    ],
)
def test_every_change_of_what_a_card_shows_renders_a_new_card(en_article, change):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        render_card(en_article, request)
        field, value = change
        setattr(en_article, field, value)
        assert render_card(en_article, request) == template_card(en_article, request)


def test_a_card_shows_the_lead_only_where_asked_and_follows_its_change(en_article):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        plain = render_card(en_article, request)
        with_lead = render_card(en_article, request, show_lead=True)
        assert en_article.lead[:30] not in plain
        assert en_article.lead[:30] in with_lead
        en_article.lead = "A corrected lead."
        assert "A corrected lead." in render_card(en_article, request, show_lead=True)


def test_a_card_is_never_another_languages_card(en_article):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        english = render_card(en_article, request)
    with translation.override("ru"):
        russian = render_card(en_article, request)
        assert russian == template_card(en_article, request)
    assert russian != english
    assert "Moscow time" in english and "мск" in russian


def test_a_card_is_never_another_hosts_card(en_article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example"]
    with translation.override("en"):
        render_card(en_article, RequestFactory().get("/en/"))
        mirror = RequestFactory().get("/en/", HTTP_HOST="mirror.example")
        assert render_card(en_article, mirror) == template_card(en_article, mirror)
    assert len(cards) == 2


def test_a_published_edit_reaches_every_list_of_cards(en_article):
    client = Client()
    section_url = en_article.get_parent().url
    assert en_article.title in client.get("/en/").content.decode()
    assert en_article.title in client.get(section_url).content.decode()
    old_title = en_article.title
    article = ArticlePage.objects.get(pk=en_article.pk)
    article.title = "Lavrov: talks go on"
    article.save_revision().publish()
    for url in ("/en/", section_url):
        html = client.get(url).content.decode()
        assert "Lavrov: talks go on" in html
        assert old_title not in html


def test_the_cache_drops_the_least_recently_used_and_the_expired():
    kept = CardCache(size=2, seconds=600)
    kept.set(("a",), "A")
    kept.set(("b",), "B")
    assert kept.get(("a",)) == "A"  # a is now the most recently used
    kept.set(("c",), "C")
    assert kept.get(("b",)) is None
    assert kept.get(("a",)) == "A" and kept.get(("c",)) == "C"
    expired = CardCache(size=2, seconds=-1)
    expired.set(("a",), "A")
    assert expired.get(("a",)) is None
    assert len(expired) == 0
