"""The small faults readers met: source and original links, favicon, the demo home (404: dateline/tests)."""

import lxml.html
import pytest

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return lxml.html.fromstring(response.content)


def test_source_links_the_original_url_else_the_agency(client, en_article):
    credit = html_of(client, en_article.url).xpath("//p[@class='source-credit']/a")[0]
    assert (credit.text_content(), credit.get("href")) == ("TASS", "https://tass.com/")  # the demo has no story URL
    en_article.source_url = "https://tass.com/politics/1"
    en_article.save_revision().publish()
    credit = html_of(client, en_article.url).xpath("//p[@class='source-credit']/a")[0]
    assert credit.get("href") == "https://tass.com/politics/1"


def test_translated_note_links_the_original(client, en_article, ru_article):
    note = html_of(client, ru_article.url).xpath("//p[@class='translation-note']")[0]
    link = note.xpath(".//a")[0]
    assert (link.get("href"), link.get("hreflang")) == (en_article.url, "en")
    assert note.text_content() == "Перевод агентства, оригинал."
    assert html_of(client, en_article.url).xpath("//p[@class='translation-note']") == []


def test_favicon_is_served(client, demo):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # ICO header
    doc = html_of(client, "/en/")
    assert "/favicon.ico" in doc.xpath("//link[@rel='icon']/@href")
    svg = [href for href in doc.xpath("//link[@rel='icon']/@href") if href.endswith(".svg")][0]
    assert client.get(svg).status_code == 200


@pytest.mark.parametrize("language", ["en", "ru"])
def test_demo_home_with_one_story_its_dossier_and_a_meant_empty_state(client, demo, language):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    doc = html_of(client, f"/{language}/")
    featured = doc.xpath("//div[contains(@class, 'latest-grid--1')]/article[contains(@class, 'card--featured')]")[0]
    assert featured.xpath(".//h3/a/@href") == [article.url]
    assert featured.xpath(".//img") and featured.xpath(".//p[@class='card-lead']")
    dossier = doc.xpath("//article[@class='dossier-card']")[0]
    assert dossier.xpath(".//h3/a/@href")[0] == article.dossier.url
    assert dossier.xpath("string(.//p[@class='dossier-card-text'])").strip()
    empty = doc.xpath("//div[contains(@class, 'empty-state')]")[0]
    assert empty.xpath(".//a/@href")[0] == f"/{language}/search/"


def test_home_without_articles_shows_the_empty_state(client, demo):
    from dateline.news.models import ArticlePage

    for article in ArticlePage.objects.all():
        article.unpublish()
    doc = html_of(client, "/en/")
    assert doc.xpath("string(//section[@class='latest']//p[@class='empty'])") == "No articles have been published yet."
