"""RSS 0.9x/1.0 (RDF)/2.0 and Atom feeds into ``WireItem`` lists, via feedparser.

Each entry's body is its full content (``content:encoded``, Atom ``content``)
when present, else its summary (``description``); the lead is the summary when
the body is the full content, else the body's first sentence. Dates are the
entry's own strings (published, else updated) read by ``wiredates`` (zone
abbreviations through its table, an ambiguous or unreadable date flagged on the
item, never replaced by "now"); version-created is the updated time.

Titles are text: a plain-text title keeps its ``<`` and ``&`` ("M&A wave
<analysis>"); only an HTML title (Atom ``type="html"``, CDATA markup) loses its tags.
Language: the entry's, else the feed's ``<language>``/``xml:lang``, else the
source's, else a guess from the text. Lead image: ``media:content``/
``media:thumbnail`` (credited to ``media:credit``), else an image enclosure.

Encodings: the bytes are decoded by ``sources.encoding.decode_document`` (declared
encoding with its aliases such as ``cp-1251``; undeclared legacy encodings
settled by the declared language or the source's) before feedparser reads them.

A feed that does not parse is refused when feedparser recovers no entry from it
(``SourceError("feed does not parse: ...")``); when its lenient parser still
recovers entries (e.g. blank lines before the XML declaration), they are
imported and the problem is reported as a warning.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

import feedparser
import lxml.html
from django.utils.html import escape

from ..language import guess_language, normalise_language
from ..richtext import lead_from_html, lead_from_text, paragraphs_text, sanitise_body_html
from .base import SourceError, WireItem
from .encoding import as_utf8_xml, decode_document
from .fetch import RawSource
from .webpage import LONG_SITE_NAME, MAX_SOURCE_NAME, domain_name, site_url
from .wiredates import parse_wire_date


@dataclass
class FeedReading:
    """The items of one feed and the warnings about it (lenient parse, decoding)."""

    items: list[WireItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def decode_feed(raw: RawSource, language: str = "", encoding: str = "") -> tuple[bytes, str]:
    """Return (UTF-8 bytes with a UTF-8 XML declaration, warning) for the feed in ``raw``.

    ``language`` and ``encoding`` are the source's settings (see ``decode_document``).
    """
    decoded = decode_document(raw.data, raw.content_type, language=language, forced_encoding=encoding)
    return as_utf8_xml(decoded.text), decoded.warning


def _text(value: str, html: bool = True) -> str:
    """``value`` as one line of text; HTML markup and entities are read only when ``html``."""
    if not value or not value.strip():
        return ""
    if html and ("<" in value or "&" in value):
        value = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
    return " ".join(value.split())


def _title(entry) -> str:
    detail = entry.get("title_detail") or {}
    return _text(entry.get("title", ""), html="html" in (detail.get("type") or "text/html"))


def _plain_to_html(text: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


def _detail_html(detail) -> str:
    value = detail.get("value") or ""
    if detail.get("type", "text/html") == "text/plain":
        return _plain_to_html(value)
    return value


def _entry_dates(entry, default_zone: str) -> tuple[datetime | None, datetime | None, str]:
    """(first-created, version-created, problem) from the entry's own date strings."""
    published = dict.get(entry, "published") or dict.get(entry, "created") or ""
    updated = dict.get(entry, "updated") or ""
    first = parse_wire_date(published or updated, default_zone)
    version = parse_wire_date(updated, default_zone) if updated and updated != published else first
    problem = first.problem or version.problem
    return first.value, version.value or first.value, problem


def _entry_image(entry) -> tuple[str, str]:
    credits = [c.get("content", "") for c in entry.get("media_credit") or [] if c.get("content")]
    for media in list(entry.get("media_content") or []) + list(entry.get("media_thumbnail") or []):
        url = media.get("url") or ""
        kind = (media.get("medium") or media.get("type") or "image").lower()
        if url and ("image" in kind or kind == "image"):
            return url, " ".join(credits[0].split()) if credits else ""
    for enclosure in entry.get("enclosures") or []:
        if (enclosure.get("type") or "").startswith("image/") and enclosure.get("href"):
            return enclosure["href"], ""
    return "", ""


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


FEED_FORMATS = {"atom": "atom", "rss090": "rdf", "rss10": "rdf"}


def read_feed(raw: RawSource, language: str = "", encoding: str = "", default_zone: str = "UTC") -> FeedReading:
    """Parse the feed in ``raw``; returns its items (in feed order) and warnings.

    ``language``, ``encoding`` are the source's settings (fallback language,
    forced encoding); ``default_zone`` places dates without a zone. Raises
    ``SourceError`` when nothing can be read from it.
    """
    reading = FeedReading()
    data, warning = decode_feed(raw, language, encoding)
    if warning:
        reading.warnings.append(warning)
    headers = {"content-location": raw.url} if raw.url else {}
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
    feed_format = next((v for k, v in FEED_FORMATS.items() if (parsed.version or "").startswith(k)), "rss")
    feed_link = feed.get("link") or raw.url
    feed_language = (
        normalise_language(feed.get("language"))
        or normalise_language((feed.get("title_detail") or {}).get("language"))
        or normalise_language(dict.get(feed, "dc_language"))
    )
    feed_rights = _text(feed.get("rights", ""))
    source_name = _text(feed.get("title", ""))
    if not source_name or len(source_name) > LONG_SITE_NAME:  # a slogan, not a name: the site's domain
        source_name = domain_name(feed_link) or source_name[:MAX_SOURCE_NAME].strip()
    for entry in parsed.entries:
        link = entry.get("link") or ""
        title = _title(entry)
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
        first, version, date_problem = _entry_dates(entry, default_zone)
        image_url, image_credit = _entry_image(entry)
        subjects = [" ".join((t.get("label") or t.get("term") or "").split()) for t in entry.get("tags") or []]
        authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        byline = "; ".join(authors) if len(authors) > 1 else (author_detail.get("name") or entry.get("author") or "")
        reading.items.append(
            WireItem(
                title=title or lead_from_text(text, max_chars=120),
                body_html=body_html,
                lead=lead,
                published_at=version or first,
                author=" ".join(byline.split()),
                url=link,
                guid=(entry.get("id") or link or "").strip() or _content_key(raw, title, text),
                language=_entry_language(entry, feed_language)
                or guess_language(f"{title}\n{text}")
                or normalise_language(language),
                source_name=source_name,
                source_site_url=site_url(feed_link) or site_url(link),
                first_created=first,
                subjects=[s for s in dict.fromkeys(subjects) if s][:20],
                rights=_text(entry.get("rights", "")) or feed_rights,
                image_url=image_url,
                image_credit=image_credit,
                date_problem=date_problem,
                format=feed_format,
            )
        )
    return reading
