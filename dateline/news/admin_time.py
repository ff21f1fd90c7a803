"""Admin date-time fields that say which time zone they mean.

Times are stored in UTC; the admin shows and takes them in the editor's zone:
the one chosen in their account (Wagtail's user time zones), else the agency's
``DATELINE_TIME_ZONE`` (Django's ``TIME_ZONE``). Every date-time input of the
Wagtail admin (publish time, go-live and expiry in the schedule dialog, any
snippet's) carries that zone beside it: the news app overrides Wagtail's
``wagtailadmin/widgets/datetime_input.html`` to add ``{% admin_time_zone %}``.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext


def zone_label(now=None) -> str:
    """The current zone as shown beside admin time fields: "Time zone: Europe/Moscow (UTC+03:00)".

    ``now`` (an aware datetime, default now) picks the UTC offset, which changes with summer time.
    """
    zone = timezone.get_current_timezone()
    offset = (now or timezone.now()).astimezone(zone).strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else "+00:00"
    return gettext("Time zone: %(zone)s (UTC%(offset)s)") % {"zone": str(zone), "offset": offset}
