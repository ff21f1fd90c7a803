"""Last touches on every wire item, whatever its format: byline, lead, identity.

* ``clean_byline``: "By", "Von", "Par", "Por", "Автор:", "Авторы", "Текст:" and the
  like dropped; names split on ``;``/``,``/"and"/"и" and kept once (case-insensitively,
  the mixed-case spelling wins over CAPITALS); an all-capitals name is title-cased;
  job titles after a comma and photo credits stay out ("By BERNARD CONDON, AP
  Business Writer" → "Bernard Condon"; "Фото из Инстаграма …" → "").
  "Jeffrey Gettleman; JEFFREY GETTLEMAN" → "Jeffrey Gettleman".
* ``drop_repeated_lead``: a body whose first paragraph is the lead (or starts with
  it) loses that repetition, so the lead is read once.
* ``normalise_guid``: the deduplication form of a guid or URL: an http(s) URL
  without its scheme, ``www.``, default port, fragment and trailing slash, its host
  in lower case (``http://Example.com/a/`` and ``https://example.com/a`` are one
  item); any other guid (``urn:…``, ``tag:…``) only trimmed.
* ``content_hash``: SHA-256 of the body text, case-folded with spaces collapsed:
  the same copy under another guid or path is the same item (texts under 80
  characters, such as "Continue reading...", are not compared).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import lxml.html

from dateline.news.text import html_to_text

from .base import WireItem

BYLINE_PREFIX = re.compile(
    r"^\s*(?:by|von|par|por|di|door|av|texto|text|written by|reporting by|"
    r"автор(?:ы)?|текст|фото и текст|материал подготовил[аи]?)\s*[:\-—–]?\s+",
    re.IGNORECASE,
)
BYLINE_SPLIT = re.compile(r"\s*(?:;|\||,\s*(?:and|и)\s+|\s+and\s+|\s+и\s+|,)\s*", re.IGNORECASE)
JOB_TITLE = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|staff|journalist|корреспондент|обозреватель|редактор)\b", re.I
)
PHOTO_CREDIT = re.compile(r"^(?:photo|photos|foto|фото|снимок|illustration|иллюстрация)\b", re.IGNORECASE)
MAX_BYLINE_NAMES = 6
MIN_HASHED_TEXT = 80  # characters
SPACES = re.compile(r"\s+")


def _title_case(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) > 3:
        return " ".join(part.capitalize() if not re.match(r"^[A-Z]\.$", part) else part for part in name.split())
    return name


def clean_byline(byline: str) -> str:
    """The byline ``byline`` cleaned (see the module docstring); ``""`` when nothing is left."""
    text = SPACES.sub(" ", byline or "").strip(" ,;|")
    if not text:
        return ""
    kept: dict[str, str] = {}
    for part in BYLINE_SPLIT.split(text):
        part = BYLINE_PREFIX.sub("", part.strip()).strip(" .,:;-—–")
        part = BYLINE_PREFIX.sub("", part).strip()
        if not part or JOB_TITLE.search(part) or PHOTO_CREDIT.match(part) or "@" in part or "://" in part:
            continue
        key = part.casefold()
        if key not in kept or kept[key].isupper():
            kept[key] = part
    names = [_title_case(name) for name in list(kept.values())[:MAX_BYLINE_NAMES]]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names)


def _text(element) -> str:
    return SPACES.sub(" ", element.text_content()).strip()


def drop_repeated_lead(lead: str, body_html: str) -> str:
    """``body_html`` without a first paragraph that repeats ``lead``.

    The whole paragraph goes when it equals the lead; when it only starts with
    the lead (the lead is its first sentences), those sentences go and the rest
    of the paragraph stays. Compared with spaces collapsed and case folded. A body
    that would be left without text is returned unchanged.
    """
    lead_key = SPACES.sub(" ", lead or "").strip().rstrip("…").strip().casefold()
    if not lead_key or not body_html:
        return body_html
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    first = next((block for block in root if _text(block)), None)
    if first is None or first.tag != "p":
        return body_html
    paragraph = _text(first)
    if paragraph.casefold() == lead_key:
        root.remove(first)
    elif paragraph.casefold().startswith(lead_key) and len(first) == 0:  # plain-text paragraph only
        rest = paragraph[len(lead_key) :].strip()
        first.text = rest
        if not rest:
            root.remove(first)
    else:
        return body_html
    if not _text(root):  # the lead is the whole text: the body keeps it
        return body_html
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def normalise_guid(value: str) -> str:
    """The comparison form of a guid or URL (see the module docstring); ``""`` for an empty one."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return value
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"//{host}{port}{path}{query}"


def content_hash(body_html: str) -> str:
    """SHA-256 (hex) of the text of ``body_html``, case-folded, spaces collapsed.

    ``""`` for a text under ``MIN_HASHED_TEXT`` characters: a teaser such as
    "Continue reading..." is shared by many different stories and proves nothing.
    """
    text = SPACES.sub(" ", html_to_text(body_html)).strip().casefold()
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if len(text) >= MIN_HASHED_TEXT else ""


def tidy_item(item: WireItem) -> WireItem:
    """Clean ``item`` in place (byline, lead repeated by the body, subheadline) and return it."""
    item.author = clean_byline(item.author)
    item.title = SPACES.sub(" ", item.title or "").strip()
    item.subheadline = SPACES.sub(" ", item.subheadline or "").strip()
    if item.subheadline.casefold() == item.title.casefold():
        item.subheadline = ""
    item.body_html = drop_repeated_lead(item.lead, item.body_html)
    return item
