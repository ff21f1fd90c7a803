"""Template tags of the reader pages: times in the edition's language, the breaking-news banner, urgency."""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.timezone import template_localtime

from dateline.news.cards import render_card
from dateline.news.dates import datetime_label

register = template.Library()


@register.simple_tag
def published_label(article) -> str:
    """Return the publish time of ``article`` in its own time zone (see ``dates.datetime_label``)."""
    return datetime_label(article.published_at, article.time_zone)


@register.simple_tag
def published_time(article) -> str:
    """The ``<time>`` element of an article's publish time, on every card and article head.

    Its ``datetime`` is ISO 8601 in the current time zone (as ``|date:'c'``), its text
    ``published_label``. A tag rather than an included template: a list page shows
    twenty of them, and an include costs a template lookup and a context per card.
    """
    value = article.published_at
    iso = formats.date_format(template_localtime(value), "c") if value else ""
    return format_html('<time datetime="{}">{}</time>', iso, published_label(article))


@register.simple_tag(takes_context=True)
def article_card(context, article, featured: bool = False, show_lead: bool = False):
    """Render ``article``'s card (``news/includes/article_card.html``), kept per content (``news.cards``).

    ``featured``: the edition home's large first card; ``show_lead``: the lead under the headline.
    """
    return render_card(article, context.get("request"), featured=featured, show_lead=show_lead)


@register.filter
def local_datetime(value) -> str:
    """Return an aware datetime in the agency's time zone (see ``dates.datetime_label``); "" for None."""
    return datetime_label(value) if value else ""


#: Seconds the breaking banner of an edition is kept in the default cache at most: publishing,
#: unpublishing and the embargo release renew it at once; this bounds a change made otherwise.
BREAKING_CACHE_SECONDS = 60


def breaking_article(edition):
    """The most recent public article of ``edition`` with an unexpired breaking flag, or ``None``.

    Kept in the default cache until the page tree changes (``news.visibility.cached_for_tree``),
    ``BREAKING_CACHE_SECONDS`` at most, and read again at the moment the answer changes by
    itself: when the banner expires or the embargo of a breaking article lifts.
    """
    from dateline.news.models import ArticlePage
    from dateline.news.visibility import cached_for_tree

    if edition is None or not getattr(edition, "pk", None):
        return None

    def read():
        # The flagged articles, embargoed ones included (a handful at any time), in one query:
        # the newest released one is the banner; the next embargo among them is when it changes.
        now = timezone.now()
        flagged = list(
            ArticlePage.objects.visible(now, embargoed=True)
            .descendant_of(edition)
            .filter(breaking=True, breaking_until__gt=now)
            .order_by("-published_at")
        )
        article = next((a for a in flagged if a.embargo is None or a.embargo <= now), None)
        changes = [a.embargo for a in flagged if a.embargo is not None and a.embargo > now]
        if article is not None:
            changes.append(article.breaking_until)
        return article, min(changes, default=None)

    article, valid_until = cached_for_tree(f"breaking:{edition.pk}", read, BREAKING_CACHE_SECONDS)
    if valid_until is not None and valid_until <= timezone.now():
        article, valid_until = read()
    return article


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
