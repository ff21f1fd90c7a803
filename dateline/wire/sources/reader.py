"""One entry point for every source: fetch it, tell a feed from a page, read it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .base import SourceError, WireItem
from .feed import read_feed
from .fetch import RawSource, fetch
from .webpage import read_webpage

FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
# Agency formats this import does not read (yet): IPTC NewsML-G2 / NewsML 1.x, NITF.
AGENCY_XML_ROOTS = {"newsmessage", "newsitem", "packageitem", "knowledgeitem", "conceptitem", "newsml", "nitf"}
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


@dataclass
class SourceReading:
    """What one source gave: its items (maybe none) and warnings worth a line."""

    location: str
    kind: str  # "feed" or "page"
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


def read_source(location: str, timeout: float | None = None) -> SourceReading:
    """Fetch ``location`` (file path or http(s) URL; ``timeout`` in seconds) and read its items.

    Raises ``SourceError`` with a one-line reason when the source yields nothing
    usable (missing file, unreachable URL, unparsable feed, page without text).
    """
    raw = fetch(location, timeout=timeout)
    if not raw.data.strip():
        raise SourceError("the source is empty")
    kind = source_kind(raw)
    if kind == "newsml":
        raise SourceError("NewsML/NITF documents are not supported (pages and RSS/Atom/RDF feeds only)")
    if kind == "json":
        raise SourceError("JSON documents (ninjs, agency APIs) are not supported (pages and RSS/Atom/RDF feeds only)")
    if kind == "feed":
        reading = read_feed(raw)
        return SourceReading(location=location, kind=kind, items=reading.items, warnings=reading.warnings)
    return SourceReading(location=location, kind=kind, items=read_webpage(raw))
