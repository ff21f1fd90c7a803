"""The reader pages of both editions: titles, links between translations, lists, dates."""

from datetime import timedelta

import lxml.html
import pytest
from django.utils import timezone
from wagtail.models import Locale

from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage
from dateline.news.slugs import transliterated_slug

EN_TITLE = "Russia ready to continue dialogue with US to save INF Treaty, says Lavrov"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content)


def test_root_redirects_to_an_edition(client, demo):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_english_home_links_the_reference_article(client, en_article):
    doc = html_of(client, "/en/")
    assert en_article.url in doc.xpath("//main//a/@href")
    assert doc.xpath("//html/@lang") == ["en"]


def test_russian_home_links_the_russian_version(client, ru_article):
    doc = html_of(client, "/ru/")
    assert ru_article.url in doc.xpath("//main//a/@href")
    assert doc.xpath("//html/@lang") == ["ru"]


def test_article_title_is_headline_section_site(client, en_article, ru_article):
    assert html_of(client, en_article.url).findtext(".//title") == f"{EN_TITLE} / News / Dateline News Agency"
    assert html_of(client, ru_article.url).findtext(".//title") == (
        f"{ru_article.title} / Новости / Информационное агентство «Дейтлайн»"
    )


def test_dossier_box_follows_the_body(client, en_article):
    doc = html_of(client, en_article.url)
    body = doc.cssselect(".article-body")[0]
    boxes = doc.cssselect("aside.dossier-box")
    assert len(boxes) == 1
    assert boxes[0].cssselect(".dossier-title")[0].text_content().strip() == "INF Treaty situation"
    order = list(doc.iter())
    assert order.index(boxes[0]) > order.index(body)


def test_translations_point_at_each_other_with_hreflang(client, en_article, ru_article):
    for article in (en_article, ru_article):
        doc = html_of(client, article.url)
        alternates = dict(
            (link.get("hreflang"), link.get("href")) for link in doc.xpath("//link[@rel='alternate'][@hreflang]")
        )
        # x-default: the version in the default language (LANGUAGE_CODE = "en")
        assert alternates == {"en": en_article.full_url, "ru": ru_article.full_url, "x-default": en_article.full_url}


def test_language_switch_goes_to_the_translation(client, en_article, ru_article):
    switch = html_of(client, en_article.url).cssselect("a.lang-switch")[0]
    assert switch.get("href") == ru_article.url
    assert switch.get("hreflang") == "ru"
    assert html_of(client, ru_article.url).cssselect("a.lang-switch")[0].get("href") == en_article.url


def test_language_switch_without_translation_goes_to_the_other_home(client, en_article):
    lonely = en_article.get_parent().add_child(
        instance=ArticlePage(title="Only in English", body="<p>Text.</p>", locale=en_article.locale)
    )
    lonely.save_revision().publish()
    assert html_of(client, lonely.url).cssselect("a.lang-switch")[0].get("href") == "/ru/"


def test_dates_are_written_in_the_edition_language(client, en_article, ru_article):
    assert "18 January 2019, 15:30 Moscow time" in html_of(client, en_article.url).findtext(".//time")
    assert "18 января 2019, 15:30 мск" in html_of(client, ru_article.url).findtext(".//time")


def test_other_time_zones_are_shown_as_utc_offsets(client, en_article):
    en_article.time_zone = "Asia/Vladivostok"
    en_article.save_revision().publish()
    assert "22:30 UTC+10:00" in html_of(client, en_article.url).findtext(".//time")


def test_cyrillic_headlines_get_transliterated_slugs():
    assert transliterated_slug("Россия готова продолжать диалог, заявил Лавров") == (
        "rossiya-gotova-prodolzhat-dialog-zayavil-lavrov"
    )
    assert transliterated_slug("«»!?") == "article"
    assert len(transliterated_slug("слово " * 40)) <= 80


def test_page_created_without_slug_gets_a_latin_one(ru_article):
    page = ArticlePage(title="Новая статья о договоре", body="<p>Текст.</p>", locale=ru_article.locale)
    ru_article.get_parent().add_child(instance=page)
    assert page.slug.isascii()
    assert page.slug == "novaya-statya-o-dogovore"


@pytest.fixture
def many_articles(en_article):
    section = en_article.get_parent()
    now = timezone.now()
    for number in range(25):
        page = ArticlePage(
            title=f"Story number {number}",
            body="<p>Text.</p>",
            locale=en_article.locale,
            published_at=now - timedelta(hours=number),
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    return section


def test_section_lists_newest_first_with_pagination(client, many_articles):
    first = html_of(client, many_articles.url)
    titles = [a.text_content().strip() for a in first.cssselect(".article-list .card-title a")]
    assert titles[:3] == ["Story number 0", "Story number 1", "Story number 2"]
    assert len(titles) == 20
    second = html_of(client, many_articles.url + "?page=2")
    assert len(second.cssselect(".article-list .card-title a")) == 6  # 5 more + the reference article
    assert client.get(many_articles.url + "?page=99").status_code == 404
    assert client.get(many_articles.url + "?page=abc").status_code == 200


def test_dossier_page_lists_the_story_newest_first(client, en_article):
    later = ArticlePage(
        title="Later INF story",
        body="<p>Text.</p>",
        locale=en_article.locale,
        dossier=en_article.dossier,
        published_at=en_article.published_at + timedelta(days=1),
    )
    en_article.get_parent().add_child(instance=later)
    later.save_revision().publish()
    doc = html_of(client, en_article.dossier.url)
    titles = [a.text_content().strip() for a in doc.cssselect(".article-list .card-title a")]
    assert titles == ["Later INF story", EN_TITLE]


def test_tag_page_lists_the_edition_articles(client, en_article, ru_article):
    tag = en_article.tags.first()
    doc = html_of(client, f"/en/tags/{tag.slug}/")
    assert [a.text_content().strip() for a in doc.cssselect(".article-list .card-title a")] == [EN_TITLE]
    assert client.get("/en/tags/no-such-tag/").status_code == 404


def test_drafts_are_not_listed(client, en_article):
    draft = ArticlePage(title="Unpublished draft", body="<p>x</p>", locale=en_article.locale, live=False)
    en_article.get_parent().add_child(instance=draft)
    assert b"Unpublished draft" not in client.get("/en/").content
    assert client.get(draft.url or "/en/news/unpublished-draft/").status_code == 404


def test_page_tree_rules(demo):
    assert SectionPage.parent_page_types == ["news.EditionPage"]
    assert ArticlePage.parent_page_types == ["news.SectionPage"]
    assert DossierPage.parent_page_types == ["news.EditionPage"]
    assert EditionPage.objects.filter(locale=Locale.objects.get(language_code="ru")).count() == 1


def test_home_shows_each_article_once(client, many_articles):
    doc = html_of(client, "/en/")
    links = doc.xpath("//main//h3[@class='card-title']/a/@href")
    assert len(links) == len(set(links))
    assert len(doc.cssselect(".latest .card")) == 5
    assert len(doc.cssselect(".section-block .card")) == 6
