"""Sitemaps, the Google News sitemap and robots.txt, parsed with lxml and urllib.robotparser."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import lxml.etree
import pytest
from django.utils import timezone
from wagtail.models import Page

from dateline.distribution.feeds import xml_safe
from dateline.news.models import ArticlePage, EditionPage

from .output_fixtures import corpus_articles, expected_headline, tricky_articles  # noqa: F401

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SM, "xhtml": XHTML, "news": NEWS}
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the format sitemaps.org requires for <lastmod>.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")
LANGUAGES = ("en", "ru")


def parse_xml(response) -> lxml.etree._Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return lxml.etree.fromstring(response.content)


def check_urlset(root) -> dict[str, dict[str, str]]:
    """Check a sitemaps.org ``<urlset>`` structurally; return {loc: {hreflang: href}}.

    Each ``<url>`` has one ``<loc>`` (absolute, under 2,048 characters), at most one
    ``<lastmod>`` in W3C Datetime; only sitemaps.org, xhtml:link and news children.
    """
    assert root.tag == f"{{{SM}}}urlset"
    urls = {}
    for url in root:
        assert url.tag == f"{{{SM}}}url"
        locs = url.findall("sm:loc", NS)
        assert len(locs) == 1
        loc = locs[0].text
        assert urlsplit(loc).scheme in ("http", "https") and urlsplit(loc).netloc and len(loc) < 2048
        lastmods = url.findall("sm:lastmod", NS)
        assert len(lastmods) <= 1
        if lastmods:
            assert W3C_DATETIME.match(lastmods[0].text), lastmods[0].text
        for child in url:
            assert child.tag.startswith((f"{{{SM}}}", f"{{{XHTML}}}", f"{{{NEWS}}}")), child.tag
        alternates = {}
        for link in url.findall("xhtml:link", NS):
            assert link.get("rel") == "alternate"
            alternates[link.get("hreflang")] = link.get("href")
        assert loc not in urls, f"{loc} listed twice"
        urls[loc] = alternates
    return urls


def live_page_urls() -> set[str]:
    return {page.get_full_url() for page in Page.objects.live().public().filter(depth__gt=1)}


def test_sitemap_lists_every_page_of_both_editions_with_hreflang(client, tricky_articles):  # noqa: F811
    urls = check_urlset(parse_xml(client.get("/sitemap.xml")))
    assert set(urls) == live_page_urls()
    for language in LANGUAGES:
        edition = EditionPage.objects.get(locale__language_code=language)
        assert edition.get_full_url() in urls
        assert tricky_articles[language].get_full_url() in urls
    # Translations name each other (and themselves), both ways.
    en = ArticlePage.objects.get(locale__language_code="en", slug__startswith="russia-ready")
    ru = en.get_translation(en.get_translations().first().locale)
    expected = {"en": en.get_full_url(), "ru": ru.get_full_url()}
    assert urls[en.get_full_url()] == expected
    assert urls[ru.get_full_url()] == expected
    # A page without a translation has no alternates.
    assert urls[tricky_articles["en"].get_full_url()] == {}


def test_sitemap_becomes_an_index_when_large(client, settings, tricky_articles):  # noqa: F811
    settings.DATELINE_SITEMAP_LIMIT = 3
    root = parse_xml(client.get("/sitemap.xml"))
    assert root.tag == f"{{{SM}}}sitemapindex"
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    expected_files = -(-len(live_page_urls()) // 3)
    assert len(locations) == expected_files
    listed = {}
    for location in locations:
        parts = urlsplit(location)
        assert parts.scheme and parts.netloc
        listed.update(check_urlset(parse_xml(client.get(f"{parts.path}?{parts.query}"))))
    assert set(listed) == live_page_urls()
    assert client.get("/sitemap-pages.xml?p=99").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def sitemap_files(client) -> list[list[str]]:
    """The URLs of each file of the sitemap index, in order."""
    root = parse_xml(client.get("/sitemap.xml"))
    files = []
    for loc in root.findall("sm:sitemap/sm:loc", NS):
        parts = urlsplit(loc.text)
        files.append(list(check_urlset(parse_xml(client.get(f"{parts.path}?{parts.query}")))))
    return files


def test_sitemap_files_follow_the_tree_after_the_outline_is_cached(client, settings, tricky_articles):  # noqa: F811
    """Each file starts at its first page's path (kept until the tree changes): a page published or
    unpublished ahead of a file moves the files' boundaries at once, no page lost or listed twice."""
    settings.DATELINE_SITEMAP_LIMIT = 3
    settings.DATELINE_PAGECACHE_ENABLED = False
    in_path_order = [p.get_full_url() for p in Page.objects.live().public().filter(depth__gt=1).order_by("path")]
    assert [url for file in sitemap_files(client) for url in file] == in_path_order
    en = EditionPage.objects.get(locale__language_code="en")
    section = en.get_children().live().first()
    article = ArticlePage(title="A new story ahead", body="<p>New.</p>", locale=en.locale, live=False)
    section.specific.add_child(instance=article)
    article.save_revision().publish()
    ArticlePage.objects.get(pk=tricky_articles["ru"].pk).unpublish()
    in_path_order = [p.get_full_url() for p in Page.objects.live().public().filter(depth__gt=1).order_by("path")]
    files = sitemap_files(client)
    assert [url for file in files for url in file] == in_path_order
    assert all(len(file) == 3 for file in files[:-1])


def news_entries(client) -> dict[str, lxml.etree._Element]:
    root = parse_xml(client.get("/news-sitemap.xml"))
    check_urlset(root)
    return {url.findtext("sm:loc", namespaces=NS): url.find("news:news", NS) for url in root}


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_sitemap_has_fresh_articles_with_publication(client, tricky_articles, language):  # noqa: F811
    entries = news_entries(client)
    article = tricky_articles[language]
    news = entries[article.get_full_url()]
    assert news.findtext("news:publication/news:name", namespaces=NS) == article.edition.site_name
    assert news.findtext("news:publication/news:language", namespaces=NS) == language
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published == article.published_at.replace(microsecond=0)
    assert published.utcoffset() == timedelta(hours=3)
    assert news.findtext("news:title", namespaces=NS) == expected_headline(language)
    # The demo article (2019) is too old for a news sitemap.
    demo_article = ArticlePage.objects.get(locale__language_code=language, slug__startswith="r")
    assert demo_article.get_full_url() not in entries


def test_news_sitemap_window_is_48_hours(client, tricky_articles):  # noqa: F811
    article = tricky_articles["en"]
    ArticlePage.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=48, minutes=1))
    assert article.get_full_url() not in news_entries(client)
    ArticlePage.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=47, minutes=59))
    assert article.get_full_url() in news_entries(client)


def test_sitemaps_with_corpus_imported(client, corpus_articles):  # noqa: F811
    urls = check_urlset(parse_xml(client.get("/sitemap.xml")))
    entries = news_entries(client)
    now = timezone.now()
    for language in LANGUAGES:
        for article in corpus_articles[language]:
            assert article.get_full_url() in urls
            fresh = now - article.published_at < timedelta(hours=48)
            assert (article.get_full_url() in entries) == fresh
            if fresh:
                news = entries[article.get_full_url()]
                assert news.findtext("news:title", namespaces=NS) == xml_safe(article.title)
                assert news.findtext("news:publication/news:language", namespaces=NS) == language
        assert any(now - article.published_at > timedelta(hours=48) for article in corpus_articles[language])


def test_robots_txt_names_both_sitemaps(client, demo, settings):
    settings.DATELINE_BASE_URL = "https://news.example.org"
    response = client.get("/robots.txt", HTTP_HOST="attacker.example")  # the Host header is not echoed
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"attacker" not in response.content
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    assert parser.site_maps() == ["https://news.example.org/sitemap.xml", "https://news.example.org/news-sitemap.xml"]
    assert parser.can_fetch("*", "http://testserver/en/news/")
    assert parser.can_fetch("*", "http://testserver/ru/")
    assert not parser.can_fetch("*", "http://testserver/admin/")
    assert not parser.can_fetch("*", "http://testserver/api/ninjs/")
    assert not parser.can_fetch("*", "http://testserver/en/-/ratings/")
    for path in ("/sitemap.xml", "/news-sitemap.xml"):
        assert client.get(path).status_code == 200
