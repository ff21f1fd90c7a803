"""Which article a reader endpoint (``/<lang>/-/<app>/<page_id>/``) is about."""

from __future__ import annotations

from django.utils.translation import get_language

from .models import ArticlePage

# The largest primary key any supported database stores (a signed 64-bit integer).
# A longer id from the URL cannot name an article, and SQLite and PostgreSQL raise
# on it instead of finding nothing.
MAX_PAGE_ID = 2**63 - 1


def live_article(page_id: int):
    """Return the visible (live, public) ``ArticlePage`` ``page_id`` of the active language's edition, or ``None``.

    Takes the id from the URL (any non-negative int, however large); never raises
    for an id out of the database's range, so that every endpoint answers its own
    404 in the reader's language. An article of the other edition reached through
    this edition's prefix (``/en/-/ratings/<id of a Russian article>/``) is not
    found either: a page never mixes the two languages.
    """
    if not 0 < page_id <= MAX_PAGE_ID:
        return None
    return ArticlePage.objects.visible().filter(pk=page_id, locale__language_code=get_language()).first()
