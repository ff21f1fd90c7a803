"""The comments part of the reader state JSON (``readers.views.reader_state``)."""

from __future__ import annotations

from django.conf import settings

from dateline.news.dates import datetime_label
from dateline.readers.tokens import reader_fingerprint

from .actions import comments_open
from .formatting import comment_count_label
from .models import ReaderComment
from .nonces import issue_nonce
from .threads import readers_own, visible_count


def comment_json(comment: ReaderComment) -> dict:
    """Return what a reader's page needs of one comment: id, name, plain body, time, parent, state.

    The body is the plain text as stored: the page puts it in with ``textContent``, so no
    markup in it is ever live. The e-mail address is never included.
    """
    return {
        "id": comment.pk,
        "name": comment.name,
        "body": comment.body,
        "created": comment.created_at.isoformat(),
        "createdLabel": datetime_label(comment.created_at),
        "parent": comment.parent_id,
        "state": comment.state,
    }


def comments_state(request, article) -> dict:
    """Return the reader's comment state on ``article``.

    ``{"pending": [...], "recent": [...], "count": n, "countLabel": "...", "open": bool,
    "nonce": "..."}``: the reader's comments awaiting moderation, their comments approved
    so recently that a cached page may not show them, the number of visible comments and
    its label in the request's language, whether comments are open, and a fresh one-time
    form token.
    """
    recent_seconds = max(300, 2 * settings.DATELINE_PAGE_CACHE_SECONDS)
    pending, recent = readers_own(article, reader_fingerprint(request), recent_seconds)
    count = visible_count(article)
    return {
        "pending": [comment_json(comment) for comment in pending],
        "recent": [comment_json(comment) for comment in recent],
        "count": count,
        "countLabel": comment_count_label(count),
        "open": comments_open(article),
        "nonce": issue_nonce(article.pk),
    }
