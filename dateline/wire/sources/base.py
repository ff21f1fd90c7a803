"""What every wire reader returns: ``WireItem``, and the error a source raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class SourceError(Exception):
    """A source that yields nothing: missing file, unreachable URL, unparsable feed, empty page.

    ``str(error)`` is the one-line reason shown to the editor (English, as all command output).
    """


@dataclass
class WireItem:
    """One story read from a wire source, before it becomes an article.

    ``body_html`` is already sanitised rich text (see ``dateline.wire.richtext``);
    ``published_at`` is aware (the item's own UTC offset kept) or ``None`` when the
    source gives no date; ``language`` is a lower-case primary subtag (``en``, ``ru``)
    or ``""`` when unknown; ``guid`` is the deduplication key (feed guid/id, else the
    link; canonical URL of a page, else its file path or URL).
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
