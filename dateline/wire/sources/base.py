"""What every wire reader returns: ``WireItem``, and the error a source raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class SourceError(Exception):
    """A source that yields nothing: missing file, unreachable URL, unparsable feed, empty page.

    ``str(error)`` is the one-line reason shown to the editor (English, as all command output).
    """


@dataclass
class WireItem:
    """One story read from a wire source, before it becomes an inbox item or an article.

    ``body_html`` is already sanitised rich text (see ``dateline.wire.richtext``);
    ``published_at`` is aware (the item's own UTC offset kept) or ``None`` when the
    source gives no usable date (``date_problem`` then says why: unparseable,
    ambiguous zone abbreviation...); ``language`` is a lower-case primary subtag
    (``en``, ``ru``) or ``""`` when unknown; ``guid`` is the deduplication key (feed
    guid/id, NewsML-G2 ``guid``, NITF ``doc-id``, ninjs ``guid``/``uri``, else the
    link; canonical URL of a page, else its file path or URL).

    The agency-format fields: ``subheadline`` (NITF ``hl2``, ninjs
    ``description_text``...), ``dateline_place`` (where the story was filed),
    ``first_created`` / ``published_at`` (the version's time), ``urgency`` (IPTC
    1 = flash ... 9 = lowest, ``None`` when not given), ``subjects`` (names or
    codes), ``rights`` (copyright notice / usage terms), ``version`` (the
    provider's version number, ``None`` when not given), ``image_url`` and
    ``image_credit`` (the lead image: ``og:image``, ``media:content``, an
    enclosure, a NewsML/ninjs picture), ``format`` (``rss``, ``atom``, ``rdf``,
    ``page``, ``newsml-g2``, ``nitf``, ``ninjs``).
    """

    title: str
    body_html: str
    lead: str
    published_at: datetime | None
    author: str
    url: str
    guid: str
    language: str
    source_name: str
    source_site_url: str = ""
    subheadline: str = ""
    dateline_place: str = ""
    first_created: datetime | None = None
    urgency: int | None = None
    subjects: list[str] = field(default_factory=list)
    rights: str = ""
    version: int | None = None
    image_url: str = ""
    image_credit: str = ""
    date_problem: str = ""
    format: str = ""
