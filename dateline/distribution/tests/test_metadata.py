"""Article metadata: canonical URL, NewsArticle JSON-LD (checked against schema.org's vocabulary),
OpenGraph and Twitter card tags, read from the page's HTML with lxml, in both editions."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from PIL import Image as PILImage

from dateline.distribution.feeds import xml_safe

from .output_fixtures import corpus_articles, expected_headline, tricky_articles  # noqa: F401

VOCABULARY = json.loads((Path(__file__).parent / "files" / "schemaorg-vocabulary.json").read_text(encoding="utf-8"))
LANGUAGES = ("en", "ru")
REQUIRED = (
    "headline",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "inLanguage",
    "articleSection",
    "mainEntityOfPage",
)


def superclasses(cls: str) -> set[str]:
    """``cls`` and all its ancestors in the vocabulary."""
    found = {cls}
    for parent in VOCABULARY["classes"].get(cls, []):
        found |= superclasses(parent)
    return found


def _is_absolute_url(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def _is_datetime(value) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None  # Google: a date-time needs its offset
    except (TypeError, ValueError):
        return False


def _is_date(value) -> bool:
    try:
        date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


DATATYPES = {
    "Text": lambda value: isinstance(value, str) and value.strip() != "",
    "URL": _is_absolute_url,
    "DateTime": _is_datetime,
    "Date": _is_date,
}


def schema_errors(node: dict, path: str = "$") -> list[str]:
    """Check a JSON-LD node against the vocabulary: known types and properties, domains, ranges.

    Returns a list of error messages (empty when the node is valid).
    """
    errors = []
    node_type = node.get("@type")
    if node_type not in VOCABULARY["classes"]:
        return [f"{path}: unknown or missing @type {node_type!r}"]
    ancestry = superclasses(node_type)
    for name, values in node.items():
        if name.startswith("@"):
            if name == "@id" and not _is_absolute_url(values):
                errors.append(f"{path}.@id: not an absolute URL")
            continue
        term = VOCABULARY["properties"].get(name)
        if term is None:
            errors.append(f"{path}.{name}: not a property of the vocabulary")
            continue
        if not ancestry & set(term["domain"]):
            errors.append(f"{path}.{name}: {node_type} is not in its domain {term['domain']}")
        for index, value in enumerate(values if isinstance(values, list) else [values]):
            where = f"{path}.{name}[{index}]"
            if isinstance(value, dict):
                value_type = value.get("@type")
                if not superclasses(value_type or "") & set(term["range"]):
                    errors.append(f"{where}: {value_type!r} is not in its range {term['range']}")
                errors += schema_errors(value, where)
            elif not any(DATATYPES[t](value) for t in term["range"] if t in DATATYPES):
                errors.append(f"{where}: {value!r} is not a value of {term['range']}")
    return errors


def parse_page(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def jsonld_of(html) -> dict:
    scripts = html.xpath("//script[@type='application/ld+json']")
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def meta_of(html, attribute: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in html.xpath(f"/html/head/meta[@{attribute}]"):
        found.setdefault(meta.get(attribute), []).append(meta.get("content"))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_jsonld_is_a_valid_schema_org_news_article(client, tricky_articles, language):  # noqa: F811
    article = tricky_articles[language]
    html = parse_page(client, article)
    data = jsonld_of(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert schema_errors(data) == []
    for name in REQUIRED:
        assert name in data, name
    # The headline survives `</script>`, quotes, & and <; the control character U+000B is dropped.
    assert data["headline"] == expected_headline(language)
    assert len(html.xpath("//script")) == len(html.xpath("//script[@type or @src]"))  # nothing broke out
    assert data["inLanguage"] == language
    assert datetime.fromisoformat(data["datePublished"]) == article.published_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["datePublished"]).utcoffset().total_seconds() == 3 * 3600
    assert datetime.fromisoformat(data["dateModified"]) >= datetime.fromisoformat(data["datePublished"])
    assert data["author"][0] == {"@type": "Person", "name": article.byline}
    assert data["publisher"]["name"] == article.edition.site_name
    assert data["articleSection"] == article.section.title
    assert data["dateline"] == article.dateline_place
    assert data["isBasedOn"]["url"] == article.source_url
    assert data["isBasedOn"]["publisher"]["name"] == article.source_agency.name
    assert data["mainEntityOfPage"]["@id"] == article.get_full_url()
    # The publisher logo is a raster image served by the site.
    logo = client.get(urlsplit(data["publisher"]["logo"]["url"]).path)
    assert logo.status_code == 200
    assert (
        PILImage.open(io.BytesIO(b"".join(logo.streaming_content) if logo.streaming else logo.content)).format == "PNG"
    )
    # The lead image is offered at an absolute URL, with its size, caption and credit.
    rendition = article.lead_image.get_rendition("width-1200|format-jpeg")
    image = data["image"][0]
    assert image["@type"] == "ImageObject" and urlsplit(image["url"]).path == rendition.url
    assert image.get("caption", "") == article.lead_image_caption_text
    assert image.get("creditText", "") == article.lead_image_credit_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_points_to_its_original(client, en_article, ru_article, language):
    article = {"en": en_article, "ru": ru_article}[language]
    data = jsonld_of(parse_page(client, article))
    assert schema_errors(data) == []
    if language == "ru":  # the demo's Russian text is the agency's translation of the English one
        assert data["translationOfWork"]["@id"] == en_article.get_full_url()
    else:
        assert "translationOfWork" not in data
    # No byline: the credited agency is the author.
    assert data["author"][0]["@type"] == "Organization"
    assert data["author"][0]["name"] == article.source_agency.name


def test_schema_check_rejects_wrong_properties():
    """The vocabulary check itself fails on wrong domains, ranges and values."""
    assert schema_errors({"@type": "Person", "articleSection": "News"})  # articleSection is for Article
    assert schema_errors({"@type": "NewsArticle", "datePublished": "18 January 2019"})
    assert schema_errors({"@type": "NewsArticle", "datePublished": "2019-01-18T15:30:00"})  # no offset
    assert schema_errors({"@type": "NewsArticle", "author": {"@type": "ImageObject", "url": "http://x.org/"}})
    assert schema_errors({"@type": "NewsArticle", "publisher": {"@type": "Organization", "logo": "logo.png"}})
    assert schema_errors({"@type": "NewsArticle", "headlines": "typo"})
    assert not schema_errors({"@type": "NewsArticle", "headline": "ok", "datePublished": "2019-01-18"})


@pytest.mark.parametrize("language", LANGUAGES)
def test_canonical_opengraph_and_twitter_tags(client, tricky_articles, language):  # noqa: F811
    article = tricky_articles[language]
    html = parse_page(client, article)
    canonical = html.xpath("/html/head/link[@rel='canonical']/@href")
    assert canonical == [article.get_full_url()]
    og = meta_of(html, "property")
    assert og["og:type"] == ["article"]
    assert og["og:title"] == [expected_headline(language)]
    assert og["og:url"] == canonical
    assert og["og:locale"] == [{"en": "en_US", "ru": "ru_RU"}[language]]
    assert og["og:site_name"] == [article.edition.site_name]
    assert og["og:description"] == [article.lead]
    assert og["article:section"] == [article.section.title]
    assert og["article:tag"] == [tag.name for tag in article.tags.all()]
    assert datetime.fromisoformat(og["article:published_time"][0]).tzinfo is not None
    assert datetime.fromisoformat(og["article:modified_time"][0]).tzinfo is not None
    rendition = article.lead_image.get_rendition("width-1200|format-jpeg")
    assert og["og:image:type"] == ["image/jpeg"]
    assert urlsplit(og["og:image"][0]).path == rendition.url and _is_absolute_url(og["og:image"][0])
    assert og["og:image:width"] == [str(rendition.width)]
    twitter = meta_of(html, "name")
    assert twitter["twitter:card"] == ["summary_large_image"]
    assert twitter["twitter:title"] == [expected_headline(language)]
    assert twitter["twitter:image"] == og["og:image"]
    assert "og:locale:alternate" not in og  # the tricky article has no translation


@pytest.mark.parametrize("language", LANGUAGES)
def test_locale_alternate_and_summary_card_without_image(client, en_article, ru_article, language):
    article = {"en": en_article, "ru": ru_article}[language]
    article.lead_image = None  # the demo article has its picture: take it away
    article.save_revision().publish()
    html = parse_page(client, article)
    og = meta_of(html, "property")
    assert og["og:locale:alternate"] == [{"en": "ru_RU", "ru": "en_US"}[language]]
    assert meta_of(html, "name")["twitter:card"] == ["summary"]
    assert "og:image" not in og
    assert html.xpath("/html/head/link[@rel='canonical']/@href") == [article.get_full_url()]


def test_metadata_with_corpus_imported(client, corpus_articles):  # noqa: F811
    for language in LANGUAGES:
        for article in corpus_articles[language][:3]:
            html = parse_page(client, article)
            data = jsonld_of(html)
            assert schema_errors(data) == [], article.title
            assert data["headline"] == xml_safe(article.title)
            assert data["inLanguage"] == language
            assert data["isBasedOn"]["url"] == article.source_url  # the wire copy it re-reports
            assert meta_of(html, "property")["og:title"] == [xml_safe(article.title)]
