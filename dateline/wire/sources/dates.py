"""Publication times of web pages, with their UTC offset kept when the page states one.

Order of trust: schema.org ``datePublished`` (JSON-LD or microdata), then the
Open Graph ``article:published_time`` meta, then htmldate's search of the page.
Values are ISO 8601; a value without an offset (or a bare date) is read in the
agency's zone, ``settings.DATELINE_TIME_ZONE``.
"""

from __future__ import annotations

import json
import zoneinfo
from datetime import date, datetime, time

import htmldate
from django.conf import settings
from django.utils import timezone

META_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//*[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
)
HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def agency_zone() -> zoneinfo.ZoneInfo:
    """The agency's own time zone (``settings.DATELINE_TIME_ZONE``)."""
    return zoneinfo.ZoneInfo(settings.DATELINE_TIME_ZONE)


def parse_datetime_value(value: str | None) -> datetime | None:
    """Parse an ISO 8601 date or date-time (``Z``, ``+0100``, ``+01:00``, space separator).

    Returns an aware datetime that keeps the stated offset; naive values and bare
    dates are placed in ``agency_zone()``. ``None`` when ``value`` is not such a date.
    """
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1) if len(value) > 10 else value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), time())
        except ValueError:
            return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=agency_zone())
    return parsed


def _json_ld_dates(tree) -> list[str]:
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        script = script.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip()
        try:
            walk(json.loads(script))
        except (ValueError, RecursionError):
            continue
    return found


def page_published_at(tree) -> datetime | None:
    """The publication time of the page ``tree`` (lxml HTML element), or ``None``.

    Never raises for odd markup: unreadable candidates are passed over.
    """
    candidates = _json_ld_dates(tree)
    for xpath in META_XPATHS:
        candidates.extend(tree.xpath(xpath))
    for candidate in candidates:
        parsed = parse_datetime_value(candidate)
        if parsed is not None:
            return parsed
    try:
        found = htmldate.find_date(tree, outputformat=HTMLDATE_FORMAT, original_date=True)
    except (ValueError, TypeError):
        found = None
    return parse_datetime_value(found)
