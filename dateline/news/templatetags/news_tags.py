"""Template tags of the reader pages: times in the edition's language."""

from django import template

from dateline.news.dates import datetime_label

register = template.Library()


@register.simple_tag
def published_label(article) -> str:
    """Return the publish time of ``article`` in its own time zone (see ``dates.datetime_label``)."""
    return datetime_label(article.published_at, article.time_zone)


@register.filter
def local_datetime(value) -> str:
    """Return an aware datetime in the agency's time zone (see ``dates.datetime_label``); "" for None."""
    return datetime_label(value) if value else ""
