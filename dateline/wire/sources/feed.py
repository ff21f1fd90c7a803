"""RSS 0.9x/1.0 (RDF)/2.0 and Atom feeds into ``WireItem`` lists, via feedparser.

Each entry's body is its full content (``content:encoded``, Atom ``content``)
when present, else its summary (``description``); the lead is the summary when
the body is the full content, else the body's first sentence. Dates are
feedparser's UTC readings of the entry's published (else updated) time.

Encodings: feedparser honours the declared encoding (HTTP header, XML
declaration, BOM). A feed that declares none and is not valid UTF-8 (e.g. KOI8-R
Russian) is decoded with the encoding charset_normalizer detects before parsing.

A feed that does not parse is refused when feedparser recovers no entry from it
(``SourceError("feed does not parse: ...")``); when its lenient parser still
recovers entries (e.g. blank lines before the XML declaration), they are
imported and the problem is reported as a warning.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import charset_normalizer
import feedparser
import lxml.html
from django.utils.html import escape

from ..language import guess_language, normalise_language
from ..richtext import lead_from_html, lead_from_text, paragraphs_text, sanitise_body_html
from .base import SourceError, WireItem
from .fetch import RawSource
from .webpage import LONG_SITE_NAME, MAX_SOURCE_NAME, domain_name, site_url

XML_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=", re.IGNORECASE)
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class FeedReading:
    """The items of one feed and the warnings about it (lenient parse, decoding)."""

    items: list[WireItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _declares_encoding(raw: RawSource) -> bool:
    return (
        "charset=" in raw.content_type.lower()
        or raw.data.startswith(BOMS)
        or bool(XML_DECLARED_ENCODING.match(raw.data[:1024]))
    )


def decode_undeclared(raw: RawSource) -> tuple[bytes, str]:
    """Return (UTF-8 bytes, detected encoding) for a feed that declares no encoding and is not UTF-8.

    Other feeds come back unchanged with ``""``; feedparser decodes them itself.
    """
    if _declares_encoding(raw):
        return raw.data, ""
    try:
        raw.data.decode("utf-8")
        return raw.data, ""
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw.data).best()
    if best is None:
        return raw.data, ""
    return str(best).encode("utf-8"), best.encoding


def _text(value: str) -> str:
    if not value or not value.strip():
        return ""
    if "<" in value or "&" in value:
        value = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
    return " ".join(value.split())


def _plain_to_html(text: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


def _detail_html(detail) -> str:
    value = detail.get("value") or ""
    if detail.get("type", "text/html") == "text/plain":
        return _plain_to_html(value)
    return value


def _entry_time(entry) -> datetime | None:
    # dict.get: FeedParserDict.get maps published→updated itself, with a DeprecationWarning.
    parsed = next(
        (
            dict.get(entry, key)
            for key in ("published_parsed", "updated_parsed", "created_parsed")
            if dict.get(entry, key)
        ),
        None,
    )
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _entry_language(entry, feed_language: str) -> str:
    details = list(entry.get("content") or []) + [entry.get("summary_detail") or {}, entry.get("title_detail") or {}]
    for detail in details:
        language = normalise_language(detail.get("language"))
        if language:
            return language
    return feed_language


def _content_key(raw: RawSource, title: str, text: str) -> str:
    """A stable key for an entry with neither guid nor link: the feed's location + a digest."""
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:32]
    return f"{raw.location}#{digest}"


def describe_problem(problem: BaseException | None) -> str:
    """A parse error as one line: the message, then line and column when the parser gives them."""
    if problem is None:
        return "unknown error"
    if hasattr(problem, "getMessage") and hasattr(problem, "getLineNumber"):
        return f"{problem.getMessage()} (line {problem.getLineNumber()}, column {problem.getColumnNumber()})"
    return str(problem) or type(problem).__name__


def read_feed(raw: RawSource) -> FeedReading:
    """Parse the feed in ``raw``; returns its items (in feed order) and warnings.

    Raises ``SourceError`` when nothing can be read from it.
    """
    reading = FeedReading()
    data, detected = decode_undeclared(raw)
    if detected:
        reading.warnings.append(f"no encoding declared; read as {detected}")
    headers = {"content-location": raw.url} if raw.url else {}
    if raw.content_type and not detected:
        headers["content-type"] = raw.content_type
    parsed = feedparser.parse(data, response_headers=headers or None)
    problem = parsed.get("bozo_exception")
    if not parsed.entries:
        if parsed.bozo and not isinstance(problem, feedparser.CharacterEncodingOverride):
            raise SourceError(f"feed does not parse: {describe_problem(problem)}")
        if not parsed.version:
            raise SourceError("not an RSS, Atom or RDF feed")
        return reading
    if parsed.bozo and not isinstance(problem, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType):
        reading.warnings.append(f"feed is not well-formed ({describe_problem(problem)}); read leniently")

    feed = parsed.feed
    feed_link = feed.get("link") or raw.url
    feed_language = normalise_language(feed.get("language")) or normalise_language(
        (feed.get("title_detail") or {}).get("language")
    )
    source_name = _text(feed.get("title", ""))
    if not source_name or len(source_name) > LONG_SITE_NAME:  # a slogan, not a name: the site's domain
        source_name = domain_name(feed_link) or source_name[:MAX_SOURCE_NAME].strip()
    for entry in parsed.entries:
        link = entry.get("link") or ""
        title = _text(entry.get("title", ""))
        contents = [_detail_html(c) for c in entry.get("content") or []]
        full = max(contents, key=len) if contents else ""
        summary = entry.get("summary") or ""
        summary_text = _text(summary)
        body_html = sanitise_body_html(full or summary, base_url=link or feed_link, title=title)
        text = paragraphs_text(body_html)
        if full and summary_text and not text.startswith(summary_text[:60].rstrip("…. ")):
            lead = summary_text if len(summary_text) <= 300 else lead_from_text(summary_text)
        else:
            lead = lead_from_html(body_html)
        author_detail = entry.get("author_detail") or {}
        reading.items.append(
            WireItem(
                title=title or lead_from_text(text, max_chars=120),
                body_html=body_html,
                lead=lead,
                published_at=_entry_time(entry),
                author=" ".join((author_detail.get("name") or entry.get("author") or "").split()),
                url=link,
                guid=(entry.get("id") or link or "").strip() or _content_key(raw, title, text),
                language=_entry_language(entry, feed_language) or guess_language(f"{title}\n{text}"),
                source_name=source_name,
                source_site_url=site_url(feed_link) or site_url(link),
            )
        )
    return reading
