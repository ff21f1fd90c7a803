"""One entry point for every source: fetch it, tell its format, read it, tidy its items.

Formats: web pages (trafilatura), RSS 0.9x/1.0 (RDF)/2.0 and Atom feeds
(feedparser), NewsML-G2, NITF 3.x and NewsML 1.x (``agency``), ninjs 1.x–3.x
(``ninjs``). Every item then goes through ``tidy.tidy_item`` (byline, lead
repeated by the body); an item whose language is neither declared nor
recognised by its reader takes a guess from its text, else the source's
language, else the source's edition's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from dateline.news.text import html_to_text

from ..language import guess_language, normalise_language
from .agency import read_agency_xml
from .base import SourceError, WireItem
from .encoding import as_utf8_xml, decode_document
from .feed import read_feed
from .fetch import RawSource, fetch
from .ninjs import read_ninjs
from .tidy import tidy_item
from .webpage import read_webpage

FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
AGENCY_XML_ROOTS = {"newsmessage", "newsitem", "newsml", "nitf"}
FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
# Skips BOM, whitespace, XML declaration, processing instructions, comments and DOCTYPE.
FIRST_ELEMENT = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z][\w:.-]*)", re.DOTALL | re.IGNORECASE
)
#: The kinds of document a source of each type may answer with (anything else: "wrong content type").
EXPECTED_KINDS = {
    "feed": {"feed"},
    "page": {"page"},
    "endpoint": {"json", "newsml"},
    "folder": {"newsml", "json", "feed"},
}


@dataclass
class SourceReading:
    """What one source gave: its items (maybe none) and warnings worth a line.

    ``kind`` is "feed", "page", "newsml" (agency XML) or "json" (ninjs).
    """

    location: str
    kind: str
    items: list[WireItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def source_kind(raw: RawSource) -> str:
    """``"feed"`` when the document's root element is ``rss``, ``feed`` or ``rdf:RDF``;
    ``"newsml"`` for NewsML/NITF roots, ``"json"`` for a JSON document (e.g. ninjs); else ``"page"``.

    Decided on the first 64 KB; a feed Content-Type decides when the root is not found.
    """
    head = raw.data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    match = FIRST_ELEMENT.match(head)
    if match:
        root = match.group(1).decode("ascii", "ignore").lower()
        if root in FEED_ROOTS:
            return "feed"
        if root.split(":")[-1] in AGENCY_XML_ROOTS:
            return "newsml"
        return "page"
    if raw.content_type.split(";")[0].strip().lower() in FEED_CONTENT_TYPES:
        return "feed"
    return "page"


def read_raw(
    raw: RawSource,
    location: str,
    language: str = "",
    encoding: str = "",
    expect: str = "",
    default_language: str = "",
) -> SourceReading:
    """Read the fetched ``raw`` document; see ``read_source`` for the arguments."""
    if not raw.data.strip():
        raise SourceError("the source is empty")
    kind = source_kind(raw)
    if expect and kind not in EXPECTED_KINDS.get(expect, {kind}):
        content_type = raw.content_type.split(";")[0].strip() or "no Content-Type"
        raise SourceError(f"wrong content type: {content_type} ({kind}), expected a {expect} source")
    zone = settings.DATELINE_TIME_ZONE
    reading = SourceReading(location=location, kind=kind)
    if kind == "feed":
        feed = read_feed(raw, language=language, encoding=encoding, default_zone=zone)
        reading.items, reading.warnings = feed.items, feed.warnings
    elif kind in ("newsml", "json"):
        decoded = decode_document(raw.data, raw.content_type, language=language, forced_encoding=encoding)
        if decoded.warning:
            reading.warnings.append(decoded.warning)
        if kind == "json":
            reading.items = read_ninjs(decoded.text, raw.location, zone)
        else:
            _format, reading.items = read_agency_xml(as_utf8_xml(decoded.text), raw.location, zone)
    else:
        reading.items = read_webpage(raw)
    for item in reading.items:
        tidy_item(item)
        if not item.language:
            text = f"{item.title}\n{html_to_text(item.body_html)}"
            item.language = guess_language(text) or normalise_language(language) or default_language
    return reading


def read_source(
    location: str,
    timeout: float | None = None,
    *,
    language: str = "",
    encoding: str = "",
    headers: dict[str, str] | None = None,
    max_bytes: int | None = None,
    expect: str = "",
    default_language: str = "",
) -> SourceReading:
    """Fetch ``location`` (file path or http(s) URL; ``timeout`` in seconds) and read its items.

    ``language`` (the language an operator set on the source: used when an
    item declares none and detection fails, and to settle undeclared legacy
    encodings), ``default_language`` (the source's edition language: only the
    last fallback of an item's language, never used to pick an encoding), ``encoding``
    (forces a codec), ``headers`` (HTTP request headers, e.g. an API key),
    ``max_bytes`` (size cap) and ``expect`` (the source type: "feed", "page",
    "endpoint", "folder"; another kind of document is a "wrong content type")
    come from a configured source. Raises ``SourceError`` with a one-line
    reason when the source yields nothing usable (missing file, unreachable URL,
    HTTP error, timeout, oversized, malformed XML/JSON, page without text).
    """
    raw = fetch(location, timeout=timeout, headers=headers, max_bytes=max_bytes)
    return read_raw(
        raw, location, language=language, encoding=encoding, expect=expect, default_language=default_language
    )
