"""Fixtures of the search tests: articles with known words in both editions, a second section."""

from __future__ import annotations

import datetime
import zoneinfo
from urllib.parse import urlencode

import lxml.html
import pytest
from django.db import transaction

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def publish_article(section, title: str, body: str, when: datetime.datetime, lead: str = "", live: bool = True):
    """Create an article under ``section`` (its locale) and publish it (indexed by Wagtail's signal handlers)."""
    from dateline.news.models import ArticlePage
    from dateline.news.slugs import transliterated_slug

    article = ArticlePage(
        title=title,
        slug=transliterated_slug(title)[:40] + f"-{when:%Y%m%d%H}",
        lead=lead,
        body=f"<p>{body}</p>",
        published_at=when,
        locale=section.locale,
        live=live,
    )
    section.add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
    return article


def on(day: str, hour: int = 12) -> datetime.datetime:
    """An aware datetime on ``day`` (YYYY-MM-DD) at ``hour`` Moscow time."""
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=MOSCOW)


def _create_editions() -> dict:
    """Add a World section to each demo edition; {"en": (edition, news, world), "ru": (...)}."""
    from dateline.news.models import EditionPage, SectionPage

    result = {}
    for code, title, slug in [("en", "World", "world"), ("ru", "В мире", "world")]:
        edition = EditionPage.objects.get(locale__language_code=code)
        news = SectionPage.objects.child_of(edition).get(slug="news")
        world = SectionPage(title=title, slug=slug, locale=edition.locale)
        edition.add_child(instance=world)
        world.save_revision().publish()
        result[code] = (edition, news, world)
    return result


def _create_articles(editions: dict) -> dict:
    """Articles with known words; {short name: article}."""
    _, en_news, en_world = editions["en"]
    _, ru_news, ru_world = editions["ru"]
    return {
        "montreux_title": publish_article(
            en_news,
            "Montreux talks on the treaty resume",
            "Diplomats met in Montreux for a second day.",
            on("2024-03-10"),
            lead="Talks in Montreux continue.",
        ),
        "montreux_body": publish_article(
            en_world,
            "Ministers travel for a week of meetings",
            "Several ministers flew to Montreux on Monday after a long week of meetings in several capitals, "
            "where they discussed trade, energy, transport, fisheries and the weather of the coming winter.",
            on("2024-05-01"),
        ),
        "cafes": publish_article(en_world, "Viennese cafés reopen", "Owners welcome guests again.", on("2024-04-02")),
        "en_nato": publish_article(
            en_news, "NATO summit ends", "Leaders of NATO agreed a statement.", on("2024-06-01")
        ),
        "en_draft": publish_article(
            en_news, "Zanzibar draft", "Not yet published Zanzibar text.", on("2024-06-02"), live=False
        ),
        "dogovore": publish_article(
            ru_news, "Переговоры о новом соглашении", "Стороны говорили о договоре весь день.", on("2024-03-10")
        ),
        "dogovora": publish_article(
            ru_news, "Эксперты оценили риски", "Текст договора пока не опубликован.", on("2024-03-11")
        ),
        "yolka": publish_article(
            ru_world, "Ёлка на Красной площади", "Главную ёлку страны украсили.", on("2024-12-20")
        ),
        "yelochnye": publish_article(
            ru_world, "Игрушки подорожали", "Цены на елочные украшения выросли.", on("2024-12-21")
        ),
        "ru_nato": publish_article(
            ru_news, "Саммит NATO завершился", "Лидеры NATO приняли заявление.", on("2024-06-01")
        ),
    }


@pytest.fixture(scope="module")
def search_site(django_db_setup, django_db_blocker):
    """The demo content plus the search test articles, built once per test module.

    Built inside a transaction that is rolled back after the module; each test runs in a
    savepoint inside it (pytest-django's ``db``), so tests may change pages freely.
    Returns primary keys: {"editions": {code: (edition, news, world)}, "articles": {name: pk}}.
    """
    from dateline.news.demo_content import load_demo_content

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_demo_content()
            editions = _create_editions()
            articles = _create_articles(editions)
            yield {
                "editions": {code: tuple(p.pk for p in pages) for code, pages in editions.items()},
                "articles": {name: article.pk for name, article in articles.items()},
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def editions(search_site, db):
    """{"en": (edition, news section, world section), "ru": (...)} — the demo editions plus a World section."""
    from wagtail.models import Page

    return {
        code: tuple(Page.objects.get(pk=pk).specific for pk in pks) for code, pks in search_site["editions"].items()
    }


@pytest.fixture
def articles(search_site, db):
    """The search test articles: {short name: ArticlePage}."""
    from dateline.news.models import ArticlePage

    return {name: ArticlePage.objects.get(pk=pk) for name, pk in search_site["articles"].items()}


def search_url(language: str, **params) -> str:
    """The search page URL of an edition with the given query parameters."""
    return f"/{language}/search/" + ("?" + urlencode(params) if params else "")


def has_class(name: str) -> str:
    """An XPath predicate: the element has the CSS class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


class SearchPage:
    """A rendered search page, parsed with lxml."""

    def __init__(self, response):
        self.response = response
        self.tree = lxml.html.fromstring(response.content.decode())

    @property
    def titles(self) -> list[str]:
        """Headlines of the results, in order (text content, marks removed)."""
        return [a.text_content() for a in self.tree.xpath(f"//*[{has_class('search-result')}]//h2//a")]

    @property
    def links(self) -> list[str]:
        return [a.get("href") for a in self.tree.xpath(f"//*[{has_class('search-result')}]//h2//a")]

    @property
    def marks(self) -> list[str]:
        return [m.text_content() for m in self.tree.xpath(f"//*[{has_class('search-results')}]//mark")]

    @property
    def errors(self) -> list[str]:
        return [
            e.text_content()
            for e in self.tree.xpath(f"//*[{has_class('search-error')}] | //*[{has_class('search-errors')}]//li")
        ]


@pytest.fixture
def get_search(client):
    """Fetch a search page: get_search("ru", q="...") → SearchPage; asserts status 200."""

    def fetch(language: str, **params) -> SearchPage:
        response = client.get(search_url(language, **params))
        assert response.status_code == 200, response.status_code
        return SearchPage(response)

    return fetch
