"""News pages (HTML) into ``WireItem``: text, title, date and author via trafilatura.

The article text is trafilatura's main-content extraction (comments left out,
formatting and links kept), sanitised by ``dateline.wire.richtext``. Metadata:
the headline is trafilatura's; the byline is the page's schema.org author
persons, else its author meta tags, else trafilatura's; the date comes from
``dateline.wire.sources.dates``; the lead is ``og:description`` (else the
page's description, else the first sentences of the first real paragraph);
the canonical URL from ``<link rel=canonical>`` or ``og:url``; the source's
name from ``og:site_name``, else the site's domain.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import trafilatura

from ..language import guess_language, normalise_language
from ..richtext import lead_from_html, lead_from_text, paragraphs_text, sanitise_body_html
from .base import SourceError, WireItem
from .dates import page_published_at
from .fetch import RawSource

MAX_SOURCE_NAME = 100  # characters (SourceAgency.name)
MIN_PAGE_TEXT = 80  # characters: less is a menu or a stub that trafilatura fell back to, not an article
IMAGE_XPATHS = ('//meta[@property="og:image"]/@content', '//meta[@name="twitter:image"]/@content')
LONG_SITE_NAME = 60  # characters: an og:site_name longer than this is a slogan; the domain is used


def _first(tree, *xpaths: str) -> str:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def domain_name(url: str) -> str:
    """The host of ``url`` without a leading ``www.`` (``""`` for a URL without host)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def site_url(url: str) -> str:
    """``scheme://host/`` of an http(s) ``url``; ``""`` otherwise."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/"
    return ""


TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+([^|–—]{2,40})$")


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Drop a trailing `` | Site`` / `` - Site`` from ``title`` when "Site" is one of ``site_names``.

    Compared case-insensitively; a name matches when it starts with the suffix
    (``Aktuálně.cz`` for the site name ``Aktuálně.cz - Víte, co se právě děje``).
    """
    match = TITLE_SUFFIX.search(title)
    if not match:
        return title
    suffix = match.group(1).strip().casefold()
    if any(name and name.casefold().startswith(suffix) for name in site_names):
        return title[: match.start()].strip()
    return title


AUTHOR_META_XPATHS = (
    '//meta[@property="article:author"]/@content',
    '//meta[@property="og:article:author"]/@content',
    '//meta[@name="author"]/@content',
    '//meta[@name="byl"]/@content',
)


def _json_ld_people(tree) -> list[str]:
    names: list[str] = []

    def walk(node, under_author: bool = False) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child, under_author)
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if under_author and "Person" in kinds and isinstance(node.get("name"), str):
                names.append(" ".join(node["name"].split()))
            for key, value in node.items():
                walk(value, under_author=key == "author")

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        script = script.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip()
        try:
            walk(json.loads(script))
        except (ValueError, RecursionError):
            continue
    return [name for name in dict.fromkeys(names) if name]


def page_byline(tree) -> str:
    """The byline a page declares: schema.org ``author`` persons (JSON-LD), else an author meta tag; ``""``.

    URLs and handles (``https://…``, ``@name``) are not names and are passed over.
    """
    people = _json_ld_people(tree)
    if people:
        return "; ".join(people)
    for xpath in AUTHOR_META_XPATHS:
        for value in tree.xpath(xpath):
            value = " ".join(str(value).split())
            if value and "://" not in value and not value.startswith("@"):
                return value
    return ""


def page_language(tree) -> str:
    """The declared language of a page: ``<html lang>``, Content-Language meta, ``og:locale``."""
    declared = _first(
        tree,
        "/html/@lang",
        "/html/@xml:lang",
        '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")="content-language"]/@content',
        '//meta[@property="og:locale"]/@content',
    )
    return normalise_language(declared)


def read_webpage(raw: RawSource) -> list[WireItem]:
    """Extract the one article of an HTML page; returns a one-item list.

    Raises ``SourceError`` when the bytes are not an HTML document or trafilatura
    finds no article text in it (under ``MIN_PAGE_TEXT`` characters).
    """
    tree = trafilatura.load_html(raw.data)
    if tree is None:
        raise SourceError("not an HTML page")
    canonical = _first(tree, '//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content')
    if canonical:
        canonical = urljoin(raw.url, canonical) if raw.url else canonical
        if not canonical.lower().startswith(("http://", "https://")):
            canonical = ""
    url = canonical or raw.url
    declared_site_name = " ".join(_first(tree, '//meta[@property="og:site_name"]/@content').split())
    site_name = declared_site_name
    if len(site_name) > LONG_SITE_NAME:
        site_name = ""
    language = page_language(tree)

    document = trafilatura.extract_with_metadata(
        tree,
        url=url or None,
        output_format="html",
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_images=False,
        include_tables=True,
    )
    if document is None or not (document.text or "").strip():
        raise SourceError("no article text found in the page")
    title = " ".join((document.title or "").split())
    title = strip_site_suffix(title, [declared_site_name, document.sitename or "", domain_name(url)])
    body_html = sanitise_body_html(document.text, base_url=url, title=title)
    text = paragraphs_text(body_html)
    if len(text) < MIN_PAGE_TEXT:
        raise SourceError("no article text found in the page")
    if not title:
        title = lead_from_text(text, max_chars=120)
    description = _first(
        tree, '//meta[@property="og:description"]/@content', '//meta[@name="twitter:description"]/@content'
    )
    lead = " ".join((description or document.description or "").split()) or lead_from_html(body_html)
    return [
        WireItem(
            title=title,
            body_html=body_html,
            lead=lead,
            published_at=page_published_at(tree),
            author=page_byline(tree) or " ".join((document.author or "").split()),
            url=url,
            guid=url or raw.location,
            language=language or guess_language(f"{title}\n{text}"),
            source_name=(site_name or domain_name(url))[:MAX_SOURCE_NAME].strip(),
            source_site_url=site_url(url),
            image_url=_valid_image(
                urljoin(
                    url or "",
                    _first(tree, '//meta[@property="og:image"]/@content', '//meta[@name="twitter:image"]/@content'),
                )
            ),
            image_credit=site_name or domain_name(url),
            format="page",
        )
    ]


def _valid_image(url: str) -> str:
    return url if url.lower().startswith(("http://", "https://")) else ""
