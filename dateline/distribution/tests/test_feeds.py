"""RSS 2.0 and Atom feeds: parsed with feedparser (bozo == 0) and lxml, in both editions."""

from __future__ import annotations

import email.utils
from datetime import datetime
from urllib.parse import urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest

from dateline.distribution.feeds import xml_safe
from dateline.news.models import DossierPage, EditionPage, SectionPage

from .output_fixtures import corpus_articles, expected_headline, tricky_articles  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ("en", "ru")
FORMATS = ("rss", "atom")
KINDS = ("edition", "section", "dossier", "tag")


def feed_path(language: str, kind: str, feed_format: str) -> str:
    """The path of a feed of the demo site (plus the tricky articles' tag)."""
    if kind == "edition":
        page = EditionPage.objects.get(locale__language_code=language)
    elif kind == "section":
        page = SectionPage.objects.get(locale__language_code=language, slug="news")
    elif kind == "dossier":
        page = DossierPage.objects.get(locale__language_code=language)
    else:
        from taggit.models import Tag

        edition = EditionPage.objects.get(locale__language_code=language)
        tag = Tag.objects.get(name={"en": "Elections", "ru": "Выборы"}[language])
        return f"{edition.url}tags/{tag.slug}/feed/{feed_format}/"
    return f"{page.url}feed/{feed_format}/"


def fetch(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def check_feed(content: bytes, feed_format: str, language: str):
    """Parse a feed with lxml and feedparser, check its format's required elements; return feedparser's result."""
    root = lxml.etree.fromstring(content)  # raises on any well-formedness error
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    if feed_format == "rss":
        assert parsed.version == "rss20"
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for name in ("title", "link", "description"):  # required channel elements (RSS 2.0)
            assert (channel.findtext(name) or "").strip(), name
        assert channel.findtext("language") == language
        for item in channel.findall("item"):
            assert item.findtext("title") and item.findtext("link") and item.findtext("guid")
            published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))  # RFC 822
            assert published.tzinfo is not None
            assert item.findtext("pubDate").endswith(("+0300", "+0000", "+0100")), item.findtext("pubDate")
    else:
        assert parsed.version == "atom10"
        assert root.tag == f"{ATOM}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        for name in ("id", "title", "updated"):  # required feed elements (RFC 4287 4.1.1)
            assert (root.findtext(ATOM + name) or "").strip(), name
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        assert root.find(f"{ATOM}link[@rel='self']") is not None
        for entry in root.findall(ATOM + "entry"):
            for name in ("id", "title", "updated", "published"):
                assert (entry.findtext(ATOM + name) or "").strip(), name
            for name in ("updated", "published"):  # RFC 3339 with an offset
                moment = datetime.fromisoformat(entry.findtext(ATOM + name))
                assert moment.tzinfo is not None
            assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for entry in parsed.entries:
        assert entry.published_parsed is not None
        assert urlsplit(entry.link).scheme == "http" and urlsplit(entry.link).netloc
    return parsed


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_feed_parses_with_required_elements(client, tricky_articles, language):  # noqa: F811
    for kind in KINDS:
        for feed_format in FORMATS:
            response = fetch(client, feed_path(language, kind, feed_format))
            expected_type = {"rss": "application/rss+xml", "atom": "application/atom+xml"}[feed_format]
            assert response["Content-Type"].startswith(expected_type)
            parsed = check_feed(response.content, feed_format, language)
            article = tricky_articles[language]
            assert parsed.entries, "the feed lists the fresh article"
            assert parsed.entries[0].link == article.get_full_url()
            assert parsed.feed.language == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_item_headline_dates_language_source_author_enclosure(client, tricky_articles, language):  # noqa: F811
    article = tricky_articles[language]
    for feed_format in FORMATS:
        parsed = check_feed(fetch(client, feed_path(language, "section", feed_format)).content, feed_format, language)
        entry = parsed.entries[0]
        assert entry.title == expected_headline(language)  # &, <, quotes, emoji kept; U+000B dropped
        assert entry.title_detail.type == "text/plain"
        # The publish time, to the second, with the article's offset (Moscow: +03:00).
        published = (
            email.utils.parsedate_to_datetime(entry.published)
            if feed_format == "rss"
            else datetime.fromisoformat(entry.published)
        )
        assert published.utcoffset().total_seconds() == 3 * 3600
        assert published == article.published_at.replace(microsecond=0)
        if feed_format == "atom":
            assert entry.title_detail.language == language
            assert entry.source.link == article.source_url
        else:
            assert entry.language == language  # dc:language
            assert entry.source.href == article.source_url
        assert entry.source.title == article.source_agency.name
        assert entry.author == article.byline
        assert article.section.title in [tag.term for tag in entry.tags]
        enclosure = entry.enclosures[0]
        rendition = article.lead_image.get_rendition("width-1200")
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == rendition.file.size
        assert urlsplit(enclosure.href).path == rendition.url and urlsplit(enclosure.href).netloc


@pytest.mark.parametrize("language", LANGUAGES)
def test_full_text_or_lead_follows_the_setting(client, settings, tricky_articles, language):  # noqa: F811
    article = tricky_articles[language]
    for feed_format in FORMATS:
        path = feed_path(language, "edition", feed_format)
        settings.DATELINE_FEED_FULL_TEXT = True
        entry = check_feed(fetch(client, path).content, feed_format, language).entries[0]
        body = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
        assert "Body paragraph one & a relative link." in body.text_content()
        assert body.xpath("//a/@href") == [f"{article.get_site().root_url}/en/news/"]  # links made absolute
        assert lxml.html.fragment_fromstring(entry.summary, create_parent="div").text_content() == article.lead

        settings.DATELINE_FEED_FULL_TEXT = False
        entry = check_feed(fetch(client, path).content, feed_format, language).entries[0]
        assert "content" not in entry
        assert lxml.html.fragment_fromstring(entry.summary, create_parent="div").text_content() == article.lead


def test_unknown_tag_or_format_is_404(client, demo):
    assert client.get("/en/tags/no-such-tag/feed/rss/").status_code == 404
    assert client.get("/en/feed/json/").status_code == 404


def test_xml_safe_drops_only_illegal_characters():
    assert xml_safe('a\x00b\x0bc\x1fd\ufffe\uffffe\tf\ng\rh 🎉 &<"') == 'abcde\tf\ng\rh 🎉 &<"'
    assert xml_safe(None) == ""


PAGE_FEEDS = {
    # page kind → the feed kinds its <head> must link
    "edition": ["edition"],
    "section": ["section", "edition"],
    "dossier": ["dossier", "edition"],
    "tag": ["tag", "edition"],
    "article": ["section", "dossier", "edition"],
}


def page_path(language: str, kind: str, tricky_articles) -> str:  # noqa: F811
    if kind == "article":
        return tricky_articles[language].url
    if kind == "tag":
        return feed_path(language, "tag", "rss").removesuffix("feed/rss/")
    return feed_path(language, kind, "rss").removesuffix("feed/rss/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_links_its_feeds_in_head(client, tricky_articles, language):  # noqa: F811
    for kind in PAGE_FEEDS:
        check_head_feed_links(client, tricky_articles, language, kind)


def check_head_feed_links(client, tricky_articles, language, kind):  # noqa: F811
    html = lxml.html.fromstring(fetch(client, page_path(language, kind, tricky_articles)).content)
    links = html.xpath("/html/head/link[@rel='alternate'][@type]")
    expected = [feed_path(language, k, f) for k in PAGE_FEEDS[kind] for f in FORMATS]
    assert [urlsplit(link.get("href")).path for link in links] == expected
    for link in links:
        assert link.get("type") in ("application/rss+xml", "application/atom+xml")
        assert link.get("title")
        # Each linked feed exists and parses.
        feed_format = "rss" if link.get("type") == "application/rss+xml" else "atom"
        check_feed(fetch(client, urlsplit(link.get("href")).path).content, feed_format, language)
    titles = " ".join(link.get("title") for link in links)
    if language == "ru":  # the page's language only
        assert "dossier" not in titles and "tag" not in titles
        assert "Информационное агентство" in titles


def test_feeds_with_corpus_imported(client, corpus_articles):  # noqa: F811
    for language in LANGUAGES:
        for feed_format in FORMATS:
            path = feed_path(language, "section", feed_format)
            parsed = check_feed(fetch(client, path).content, feed_format, language)
            by_link = {entry.link: entry for entry in parsed.entries}
            for article in corpus_articles[language]:
                entry = by_link[article.get_full_url()]
                assert entry.title == xml_safe(article.title)
                if article.source_agency is not None:  # credited agency, when the importer found one
                    assert entry.source.title == article.source_agency.name
            dates = [entry.published_parsed for entry in parsed.entries]
            assert dates == sorted(dates, reverse=True)  # newest first
