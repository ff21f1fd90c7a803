"""Template tags of the reader pages: times in the edition's language, the breaking-news banner, urgency."""

from django import template
from django.utils import timezone

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


def breaking_article(edition):
    """The most recent public article of ``edition`` with an unexpired breaking flag, or ``None``."""
    from dateline.news.models import ArticlePage

    if edition is None or not getattr(edition, "pk", None):
        return None
    now = timezone.now()
    return (
        ArticlePage.objects.visible(now)
        .descendant_of(edition)
        .filter(breaking=True, breaking_until__gt=now)
        .order_by("-published_at")
        .first()
    )


@register.inclusion_tag("news/includes/breaking_banner.html")
def breaking_banner(edition):
    """Render the edition's breaking-news banner (nothing when no article is breaking)."""
    return {"breaking": breaking_article(edition)}


@register.simple_tag
def note_label(note, zone_name=None) -> str:
    """The time of a correction or update note, as "12 March 2026, 15:40 Moscow time"."""
    return datetime_label(note.noted_at, zone_name)


@register.filter
def local_time_label(value, zone_name=None) -> str:
    """An aware datetime as "12 March 2026, 15:40 Moscow time" in ``zone_name``; "" for None."""
    return datetime_label(value, zone_name) if value else ""


@register.simple_tag
def urgency_label(article) -> str:
    """ "Flash" or "Urgent" (translated) for those urgencies; "" for normal."""
    from dateline.news.newsroom_fields import Urgency

    return "" if article.urgency == Urgency.NORMAL else str(Urgency(article.urgency).label)
