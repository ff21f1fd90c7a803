"""``{% admin_time_zone %}``: the zone the admin's date-time fields are read in (see ``news.admin_time``)."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from dateline.news.admin_time import zone_label

register = template.Library()


@register.simple_tag
def admin_time_zone():
    """A ``<span class="dateline-time-zone">`` naming the current zone and its UTC offset."""
    return format_html(
        '<span class="dateline-time-zone help" data-time-zone="{}">{}</span>',
        str(timezone.get_current_timezone()),
        zone_label(),
    )
