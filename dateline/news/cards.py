"""Article cards (``news/includes/article_card.html``), each rendered once per content and process.

A list page shows twenty to thirty cards, and the same cards are on the edition home, the
sections, tags, dossiers and every article's "Latest news" and "Related stories". A card
costs about 0.4 ms to render (its URL, its time in the page's language, its picture's
renditions), a third of a list page's render. When a page is purged from the page cache,
its cards have mostly not changed: the new render takes them from here.

The key is what the card shows, not a version to invalidate: the headline, the lead (when
shown), the publish time and its zone, the URL path, the picture (its id, file, size and focal
point), the language, the time zone and host of the request, and the layout flags. A changed
article gives another key; an unchanged one renders the same HTML. Each worker process keeps
its own ``CARD_CACHE_SIZE`` cards for ``CARD_CACHE_SECONDS`` at most (so a picture whose
renditions were deleted outside Wagtail comes back within that time).
"""

from __future__ import annotations

from django.template import Context
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from dateline.news.fragments import FragmentCache, picture_key

#: The card template (one article: picture, headline, time, lead).
CARD_TEMPLATE = "news/includes/article_card.html"
#: Cards kept per process (about 1 KB each).
CARD_CACHE_SIZE = 4000
#: Seconds a card is kept at most.
CARD_CACHE_SECONDS = 600


class CardCache(FragmentCache):
    """This process's cards (``news.fragments.FragmentCache``), ``CARD_CACHE_SIZE`` for
    ``CARD_CACHE_SECONDS`` unless told otherwise."""

    def __init__(self, size: int = CARD_CACHE_SIZE, seconds: float = CARD_CACHE_SECONDS):
        super().__init__(size, seconds)


#: This process's cards.
cards = CardCache()


def card_key(article, request, featured: bool, show_lead: bool) -> tuple:
    """The key of ``article``'s card: every value the card template reads, and the request's site and language."""
    host = request.get_host() if request is not None else ""
    return (
        article.pk,
        article.title,
        article.lead if show_lead else None,
        article.published_at,
        article.time_zone,
        article.url_path,
        picture_key(article.lead_image),
        bool(featured),
        bool(show_lead),
        get_language(),
        timezone.get_current_timezone_name(),
        host,
    )


def render_card(article, request=None, *, featured: bool = False, show_lead: bool = False) -> SafeString:
    """Return the HTML of ``article``'s card (``CARD_TEMPLATE``), from this process's cards when its content
    is unchanged.

    ``featured``: the large first card of the edition home; ``show_lead``: the lead under the headline.
    ``request`` gives the card's links their site (Wagtail's ``pageurl``).
    """
    key = card_key(article, request, featured, show_lead)
    html = cards.get(key)
    if html is None:
        context = Context({"article": article, "featured": featured, "show_lead": show_lead, "request": request})
        html = mark_safe(get_template(CARD_TEMPLATE).template.render(context))  # a template's output is safe
        cards.set(key, html)
    return html
