"""Times as readers see them: in the agency's (or an article's) zone, in the page's language."""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

MOSCOW = "Europe/Moscow"


def local_time(value: datetime, zone_name: str | None = None) -> datetime:
    """Return the aware ``value`` in the IANA zone ``zone_name`` (default ``DATELINE_TIME_ZONE``).

    An unknown zone name falls back to ``DATELINE_TIME_ZONE``.
    """
    try:
        zone = zoneinfo.ZoneInfo(zone_name or settings.DATELINE_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo(settings.DATELINE_TIME_ZONE)
    return timezone.localtime(value, zone)


def datetime_label(value: datetime, zone_name: str | None = None) -> str:
    """Return ``value`` as "18 January 2019, 15:30 Moscow time" / «18 января 2019, 15:30 мск».

    The date in the active language's format (genitive month in Russian), the time
    (24-hour) in ``zone_name`` (default ``DATELINE_TIME_ZONE``), the zone named for
    Moscow and written as an offset from UTC ("UTC+10:00") elsewhere.
    """
    zone_name = zone_name or settings.DATELINE_TIME_ZONE
    local = local_time(value, zone_name)
    date = formats.date_format(local, _("j E Y"))
    time = formats.time_format(local, "H:i")
    if zone_name == MOSCOW:
        zone = _("Moscow time")
    else:
        offset = local.strftime("%z")
        zone = _("UTC%(offset)s") % {"offset": f"{offset[:3]}:{offset[3:]}"}
    return _("%(date)s, %(time)s %(zone)s") % {"date": date, "time": time, "zone": zone}
