"""The ratings part of the reader state JSON (``dateline.readers.state``)."""

from __future__ import annotations

from dateline.readers.tokens import get_reader_id

from .models import Vote
from .summary import figures_of, summarize


def reader_vote(request, article_id: int) -> int | None:
    """Return the requesting reader's vote on the article (by account, else by reader cookie), or ``None``."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        votes = Vote.objects.filter(article_id=article_id, user=user)
    else:
        reader_id = getattr(request, "dateline_reader_id", None) or get_reader_id(request)
        if not reader_id:
            return None
        votes = Vote.objects.filter(article_id=article_id, reader_id=reader_id)
    return votes.values_list("value", flat=True).first()


def ratings_state(request, article) -> dict:
    """State provider: ``{"myVote": n|None, "average": x|None, "count": n, ...texts}`` (see ``summarize``)."""
    count, total = figures_of(article.pk)
    return summarize(count, total, reader_vote(request, article.pk))
