"""Dates of wire copy (feeds, NewsML-G2, NITF, ninjs), read strictly and never guessed.

``parse_wire_date(value)`` understands:

* ISO 8601 / W3CDTF (``2016-06-29T08:57:00+03:00``, ``…Z``, fractions) and the
  basic form NITF and NewsML 1.x use (``20170102T222800+0000``);
* RFC 822/2822 as in RSS ``pubDate`` (``Wed, 29 Jun 2016 08:57:00 +0300``), with
  the zone given as an offset or as an abbreviation from ``ZONE_ABBREVIATIONS``
  below (``MSK`` → +03:00, ``CEST`` → +02:00, ``EST`` → −05:00...);
* 12-hour times (``Sat, Dec 16 2023 02:02:33 PM``);
* zoneless numeric dates in an unambiguous order: ``2016/6/29 15:07:41`` and
  ``29.06.2016 15:07`` (day first with dots, as in Europe and Russia).

An abbreviation that names more than one zone (``AMBIGUOUS_ZONES``: ``IST`` is
India, Ireland or Israel; ``CST`` is US Central or China...) is refused: no
date, and a problem that says so. A date with no zone at all is read in the
zone passed in (the agency's, ``DATELINE_TIME_ZONE``) and flagged. Anything
else (``29 de junho de 2016``, free text) gives no date and a problem: the
item is then never shown with the import time as its date.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_tz

#: Zone abbreviations read as fixed UTC offsets (hours). Only abbreviations
#: that name one zone in practice; RFC 822's own (UT, GMT, EST, EDT, CDT, MST,
#: MDT, PST, PDT) are here, except CST, which is also China Standard Time.
ZONE_ABBREVIATIONS: dict[str, float] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1,
    "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "MSD": 4, "SAMT": 4, "YEKT": 5, "OMST": 6, "NOVT": 7, "KRAT": 7,
    "IRKT": 8, "YAKT": 9, "VLAT": 10, "MAGT": 11, "PETT": 12, "TRT": 3,
    "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "NST": -3.5, "NDT": -2.5, "ADT": -3,
    "BRT": -3, "ART": -3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "PHT": 8, "WIB": 7,
    "ICT": 7, "PKT": 5, "NPT": 5.75, "AEST": 10, "AEDT": 11, "ACST": 9.5, "ACDT": 10.5,
    "AWST": 8, "NZST": 12, "NZDT": 13, "SAST": 2, "WAT": 1, "CAT": 2, "EAT": 3,
}  # fmt: skip
#: Abbreviations that name several zones: a date using one is refused with a warning.
AMBIGUOUS_ZONES: dict[str, str] = {
    "IST": "India +05:30, Irish +01:00 or Israel +02:00",
    "CST": "US Central −06:00, China +08:00 or Cuba −05:00",
    "BST": "British Summer +01:00 or Bangladesh +06:00",
    "AST": "Atlantic −04:00 or Arabia +03:00",
    "SST": "Samoa −11:00 or Singapore +08:00",
    "GST": "Gulf +04:00 or South Georgia −02:00",
    "ECT": "Ecuador −05:00 or Eastern Caribbean −04:00",
    "CCT": "China Coast +08:00 or Cocos +06:30",
}

ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$", re.I
)
ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", re.I)
YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
DMY_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
TRAILING_ZONE = re.compile(r"\s\(?([A-Za-z]{1,5})\)?$")


@dataclass
class DateReading:
    """A wire date: ``value`` (aware, or ``None``) and ``problem`` (``""`` when none)."""

    value: datetime | None
    problem: str = ""


def _offset(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(parts, zone: timezone | None, default_zone: str, value: str) -> DateReading:
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in parts)
    try:
        if zone is not None:
            return DateReading(datetime(year, month, day, hour, minute, second, tzinfo=zone))
        local = datetime(year, month, day, hour, minute, second, tzinfo=zoneinfo.ZoneInfo(default_zone))
    except ValueError:
        return DateReading(None, f"impossible date “{value}”")
    return DateReading(local, f"no time zone in the date “{value}”; read as {default_zone} time")


def parse_wire_date(value: str | None, default_zone: str = "UTC") -> DateReading:
    """Read the date string ``value`` of a wire item; see the module docstring for the forms.

    ``default_zone`` (IANA name) places a date that states no zone. Returns a
    ``DateReading``: an empty ``value`` gives ``DateReading(None, "")``; an
    unreadable one ``DateReading(None, "unparseable date “…”")``. Never raises.
    """
    value = " ".join((value or "").split())
    if not value:
        return DateReading(None)
    for pattern in (ISO, ISO_BASIC):
        match = pattern.match(value)
        if match:
            *parts, zone = match.groups()
            return _build(parts, _offset(zone), default_zone, value)
    for pattern, order in ((YMD, (0, 1, 2)), (DMY_DOTS, (2, 1, 0))):
        match = pattern.match(value)
        if match:
            groups = match.groups()
            parts = [groups[i] for i in order] + list(groups[3:])
            return _build(parts, None, default_zone, value)
    return _parse_rfc822(value, default_zone)


AM_PM = re.compile(r"\b(\d{1,2}):(\d{2})(:\d{2})?\s*([AaPp])\.?[Mm]\.?(?=\s|$)")


def _to_24_hours(match: re.Match) -> str:
    hour = int(match.group(1)) % 12 + (12 if match.group(4).lower() == "p" else 0)
    return f"{hour:02d}:{match.group(2)}{match.group(3) or ''}"


def _parse_rfc822(value: str, default_zone: str) -> DateReading:
    text = AM_PM.sub(_to_24_hours, value)
    zone_match = TRAILING_ZONE.search(text)
    if zone_match:
        name = zone_match.group(1).upper()
        if name in AMBIGUOUS_ZONES:
            return DateReading(
                None, f"ambiguous time-zone abbreviation {name} ({AMBIGUOUS_ZONES[name]}) in “{value}”; date refused"
            )
        if name in ZONE_ABBREVIATIONS:
            hours = ZONE_ABBREVIATIONS[name]
            minutes = round(abs(hours) * 60)
            text = f"{text[: zone_match.start()]} {'-' if hours < 0 else '+'}{minutes // 60:02d}{minutes % 60:02d}"
        elif not re.search(r"\d", zone_match.group(1)) and re.search(r"\d{1,2}:\d{2}", text[: zone_match.start()]):
            return DateReading(None, f"unknown time-zone abbreviation {name} in “{value}”; date refused")
    try:
        parsed = parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if not parsed or not re.search(r"[A-Za-z]{3}", text) or not re.search(r"\b\d{4}\b", text):
        # parsedate_tz guesses wildly on free text; an RFC 822 date names its month and a 4-digit year.
        return DateReading(None, f"unparseable date “{value}”")
    year, month, day, hour, minute, second = parsed[:6]
    offset = parsed[9]
    stated = re.search(r"[+-]\d{4}$", text)  # parsedate_tz reads a missing zone as UTC; a missing zone is no zone
    zone = timezone(timedelta(seconds=offset)) if offset is not None and stated else None
    if not re.search(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", text):
        return DateReading(None, f"unparseable date “{value}”")
    return _build([year, month, day, hour, minute, second], zone, default_zone, value)
