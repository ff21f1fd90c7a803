"""Admin date-time fields that say which time zone they mean.

Times are stored in UTC; the admin shows and takes them in the editor's zone:
the one chosen in their account (Wagtail's user time zones), else the agency's
``DATELINE_TIME_ZONE`` (Django's ``TIME_ZONE``). Every date-time input of the
Wagtail admin (publish time, go-live and expiry in the schedule dialog, any
snippet's) carries that zone beside it, so that nobody types 15:00 meaning
another zone's 15:00.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.widgets import AdminDateTimeInput


def zone_label(now=None) -> str:
    """The current zone as shown beside admin time fields: "Time zone: Europe/Moscow (UTC+03:00)".

    ``now`` (an aware datetime, default now) picks the UTC offset, which changes with summer time.
    """
    zone = timezone.get_current_timezone()
    offset = (now or timezone.now()).astimezone(zone).strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else "+00:00"
    return gettext("Time zone: %(zone)s (UTC%(offset)s)") % {"zone": str(zone), "offset": offset}


class ZonedDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-time picker followed by the zone its time is read in (see ``zone_label``)."""

    template_name = "news/widgets/zoned_datetime_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["zone_label"] = zone_label()
        context["widget"]["zone"] = str(timezone.get_current_timezone())
        return context
