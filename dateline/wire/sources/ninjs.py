"""IPTC ninjs (News in JSON) 1.x, 2.x and 3.x items into ``WireItem`` lists.

A document may be one item, a list of items, or an API page holding them
(``items``/``item``/``data``/``results``, as in BBC's and AP's APIs). Keys are read
case-insensitively, so 3.x's ``versionCreated`` and 1.x/2.x's ``versioncreated``
are one field. Mapping:

* headline: ``headline`` (1.x), else ``headlines`` (2.x/3.x: role ``main``/none
  first; a ``sub``/``subtitle`` role is the subheadline), else ``title``;
* body: ``body_html``, else ``bodies`` (HTML first), else ``body_text``;
  lead: ``description_text``/``description_html`` (1.x), else ``descriptions``;
* byline: ``byline`` (1.x), else ``by`` (2.x/3.x), else the names of ``authors``;
* dateline place: ``located``, else the first of ``places``/``place``;
* times: ``firstcreated``, ``versioncreated``; ``urgency`` (1–9);
  ``subject``/``subjects`` names; ``language``; rights: ``copyrightnotice`` and
  ``usageterms``; ``version``; identity: ``guid``, else ``uri``, else ``id``;
* lead image: ``associations`` (1.x object or 2.x/3.x array) of type
  ``picture``/``image`` (``featuremedia`` first), its largest rendition's
  ``href``, credited to its ``byline``/``by``/``copyrightholder``.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import escape

from dateline.news.text import html_to_text

from ..language import normalise_language
from ..richtext import lead_from_html, sanitise_body_html
from .base import SourceError, WireItem
from .wiredates import parse_wire_date

WRAPPERS = ("items", "item", "data", "results", "hits")
MAX_ITEMS = 500
MAX_SUBJECTS = 20


def _lower_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def _is_item(value: Any) -> bool:
    return isinstance(value, dict) and any(
        key in value for key in ("headline", "headlines", "body_html", "bodies", "body_text", "uri", "guid")
    )


def _items_in(document: Any) -> list[dict]:
    if isinstance(document, list):
        return [item for entry in document for item in _items_in(entry)]
    if _is_item(document) and not any(isinstance(document.get(w), list | dict) for w in ("items", "item")):
        return [document]
    if isinstance(document, dict):
        for wrapper in WRAPPERS:
            if wrapper in document:
                found = _items_in(document[wrapper])
                if found:
                    return found
    return []


def _string(value: Any) -> str:
    if isinstance(value, list):
        value = " ".join(_string(v) for v in value)
    if isinstance(value, dict):
        value = value.get("value") or value.get("name") or ""
    return " ".join(str(value or "").split())


def _pick(entries: Any, roles: tuple[str, ...] = ("", "main", "html", "text", "summary")) -> dict | None:
    if not isinstance(entries, list):
        return None
    entries = [e for e in entries if isinstance(e, dict) and e.get("value")]
    for role in roles:
        for entry in entries:
            if (entry.get("role") or "").lower() == role:
                return entry
    return entries[0] if entries else None


def _as_html(entry: dict | None) -> str:
    if not entry:
        return ""
    value = str(entry.get("value") or "")
    content_type = (entry.get("contenttype") or "").lower()
    if "html" in content_type or (not content_type and "<" in value):
        return value
    return "".join(f"<p>{escape(p.strip())}</p>" for p in value.split("\n\n") if p.strip())


def _image(item: dict) -> tuple[str, str]:
    associations = item.get("associations") or {}
    if isinstance(associations, dict):
        candidates = [associations[k] for k in sorted(associations, key=lambda k: k != "featuremedia")]
    else:
        candidates = list(associations)
    for candidate in candidates:
        if not isinstance(candidate, dict) or candidate.get("type") not in ("picture", "image", "graphic"):
            continue
        renditions = candidate.get("renditions") or {}
        renditions = list(renditions.values()) if isinstance(renditions, dict) else list(renditions)
        renditions = [r for r in renditions if isinstance(r, dict) and r.get("href")]
        if not renditions:
            continue
        best = max(renditions, key=lambda r: (r.get("width") or 0) * (r.get("height") or 0))
        credit = _string(candidate.get("byline") or candidate.get("by") or candidate.get("copyrightholder"))
        return str(best["href"]), credit
    return "", ""


def _ninjs_item(item: dict, location: str, default_zone: str) -> WireItem:
    headlines = item.get("headlines")
    main = _pick(headlines, ("", "main", "headline"))
    sub = _pick([h for h in headlines or [] if "sub" in str(h.get("role", "")).lower()]) if headlines else None
    title = _string(item.get("headline")) or _string(main) or _string(item.get("title"))
    body = item.get("body_html") or _as_html(_pick(item.get("bodies"), ("html", "", "main", "text")))
    if not body and item.get("body_text"):
        body = _as_html({"value": item["body_text"], "contenttype": "text/plain"})
    lead = _string(item.get("description_text")) or _string(
        _pick(item.get("descriptions"), ("summary", "", "main", "text"))
    )
    if not lead and item.get("description_html"):
        lead = " ".join(html_to_text(sanitise_body_html(str(item["description_html"]))).split())
    byline = _string(item.get("byline")) or _string(item.get("by"))
    if not byline and isinstance(item.get("authors"), list):
        byline = ", ".join(_string(a.get("name")) for a in item["authors"] if isinstance(a, dict) and a.get("name"))
    places = item.get("places") or item.get("place") or []
    place = _string(item.get("located")) or (_string(places[0]) if isinstance(places, list) and places else "")
    first_reading = parse_wire_date(_string(item.get("firstcreated")), default_zone)
    version_reading = parse_wire_date(_string(item.get("versioncreated")), default_zone)
    published = version_reading.value or first_reading.value
    problem = version_reading.problem or first_reading.problem
    if not item.get("firstcreated") and not item.get("versioncreated"):
        problem = "the item gives no date"
    subjects = []
    for subject in (item.get("subject") or []) + (item.get("subjects") or []):
        name = _string(subject.get("name") or subject.get("code")) if isinstance(subject, dict) else _string(subject)
        if name and name not in subjects:
            subjects.append(name)
    urgency = item.get("urgency")
    version = str(item.get("version") or "").strip()
    body_html = sanitise_body_html(str(body or ""), title=title)
    image_url, image_credit = _image(item)
    rights = " ".join(part for part in (_string(item.get("copyrightnotice")), _string(item.get("usageterms"))) if part)
    guid = _string(item.get("guid")) or _string(item.get("uri")) or _string(item.get("id"))
    wire_item = WireItem(
        title=title,
        body_html=body_html,
        lead=lead or lead_from_html(body_html),
        published_at=published,
        author=byline,
        url=_string(item.get("canonicalurl") or item.get("url") or ""),
        guid=guid or location,
        language=normalise_language(_string(item.get("language"))),
        source_name=_string(item.get("copyrightholder") or item.get("source") or item.get("provider")),
        subheadline=_string(sub),
        dateline_place=place,
        first_created=first_reading.value or published,
        urgency=urgency if isinstance(urgency, int) and 0 <= urgency <= 9 else None,
        subjects=subjects[:MAX_SUBJECTS],
        rights=rights,
        version=int(version) if version.isdigit() else None,
        image_url=image_url,
        image_credit=image_credit,
        date_problem=problem,
        format="ninjs",
    )
    if not wire_item.url and wire_item.guid.startswith(("http://", "https://")):
        wire_item.url = wire_item.guid
    return wire_item


def read_ninjs(text: str, location: str, default_zone: str = "UTC") -> list[WireItem]:
    """The ninjs items of the JSON ``text``; ``SourceError`` when it is not JSON or holds no ninjs item."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise SourceError(f"JSON does not parse: {exc}") from exc
    items = _items_in(_lower_keys(document))
    if not items:
        raise SourceError("no ninjs item in the JSON document (no headline, body or uri)")
    return [_ninjs_item(item, location, default_zone) for item in items[:MAX_ITEMS]]
