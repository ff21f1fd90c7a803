"""Reading comments: the approved thread of an article, and one reader's own comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from .models import ArticleCommentStatus, CommentState, ReaderComment

MAX_SHOWN = 500  # top-level comments shown on an article page


@dataclass
class Thread:
    """The approved comments of one article: top-level comments with their approved ``replies_shown``."""

    comments: list[ReaderComment] = field(default_factory=list)
    count: int = 0
    open: bool = True


def _approved_top_level(article_id):
    """The approved top-level comments of the article ``article_id`` (a value or an ``OuterRef``)."""
    return ReaderComment.objects.filter(article_id=article_id, parent__isnull=True, state=CommentState.APPROVED)


def thread_annotations() -> dict:
    """``comments_shown`` (whether the article has an approved top-level comment) and ``comments_closed`` as
    subqueries, read with the article that an article page routes to (``news.models.ARTICLE_ANNOTATIONS_HOOK``)."""
    return {
        "comments_shown": Exists(_approved_top_level(OuterRef("pk"))),
        "comments_closed": Exists(ArticleCommentStatus.closed_on(OuterRef("pk"))),
    }


def approved_thread(article) -> Thread:
    """Return the article's approved top-level comments (oldest first), their approved replies, and the count.

    The count is of the comments a reader can see: approved ones whose top-level
    comment is approved too. What was read with a routed article (``thread_annotations``) saves the
    queries it answers: none for an article without comments, none for whether comments are closed.
    """
    comments = []
    if article.__dict__.get("comments_shown", True):
        replies = ReaderComment.objects.filter(state=CommentState.APPROVED).order_by("created_at", "pk")
        comments = list(
            _approved_top_level(article.pk)
            .order_by("created_at", "pk")
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="replies_shown"))[:MAX_SHOWN]
        )
    count = len(comments) + sum(len(comment.replies_shown) for comment in comments)
    if "comments_closed" in article.__dict__:
        closed = article.comments_closed
    else:
        closed = ArticleCommentStatus.closed_on(article.pk).exists()
    return Thread(comments=comments, count=count, open=not closed)


def visible_count(article) -> int:
    """Return how many comments of the article a reader can see (see ``approved_thread``)."""
    approved = ReaderComment.objects.filter(article_id=article.pk, state=CommentState.APPROVED)
    return approved.filter(parent__isnull=True).count() + approved.filter(parent__state=CommentState.APPROVED).count()


def readers_own(article, reader_hash: str, recent_seconds: int) -> tuple[list[ReaderComment], list[ReaderComment]]:
    """Return ``(pending, recent)``: the reader's comments awaiting moderation on the article, and
    those approved in the last ``recent_seconds`` seconds (which a cached page may not show yet)."""
    own = ReaderComment.objects.filter(article_id=article.pk, reader_hash=reader_hash).order_by("created_at", "pk")
    pending = list(own.filter(state=CommentState.PENDING)[:50])
    since = timezone.now() - timedelta(seconds=recent_seconds)
    recent = list(own.filter(state=CommentState.APPROVED, created_at__gte=since)[:50])
    return pending, recent
