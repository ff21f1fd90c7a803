"""Every write of the comments app: posting a comment, moderating, closing an article's comments.

Each function validates what it is given, writes inside a transaction, and raises a
``CommentRefused`` subclass (with an HTTP status and a message in the active language)
when the write must not happen; nothing already stored is changed by a refused write.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dateline.ratelimit import RateLimitExceeded, hit
from dateline.readers.responses import Refusal

from .models import ArticleCommentStatus, CommentSettings, CommentState, ReaderComment
from .moderation import initial_state


class CommentRefused(Refusal):
    """A comment (or a moderation step) that must not be stored (see ``readers.responses.Refusal``)."""

    code = "refused"
    status = 400
    message = _("Your comment could not be accepted.")


class CommentsClosed(CommentRefused):
    """Raised when comments are closed on the article."""

    code = "closed"
    status = 403
    message = _("Comments are closed on this article.")


class UnknownParent(CommentRefused):
    """Raised when the comment to reply to does not exist, is not shown, or is on another article."""

    code = "unknown_parent"
    status = 400
    message = _("The comment you are replying to is not available.")


class DuplicateComment(CommentRefused):
    """Raised when the same reader sent the same text on the same article a moment ago."""

    code = "duplicate"
    status = 409
    message = _("You have already sent this comment.")


class ReplayedForm(CommentRefused):
    """Raised when a comment form (its one-time nonce) was already used."""

    code = "replayed"
    status = 409
    message = _("This form was already sent. Your comment was not added twice.")


class TooManyComments(CommentRefused):
    """Raised when the reader's address has sent the allowed number of comments in the window."""

    code = "rate_limited"
    status = 429

    def __init__(self, retry_after: int):
        super().__init__(retry_after=retry_after)  # seconds

    def get_message(self) -> str:
        minutes = max(1, -(-self.retry_after // 60))
        return ngettext(
            "You have sent too many comments. Please try again in %(minutes)d minute.",
            "You have sent too many comments. Please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def comments_open(article) -> bool:
    """Return True unless an editor closed comments on ``article``."""
    return not ArticleCommentStatus.closed_on(article.pk).exists()


def refresh_article_pages(article_ids) -> None:
    """Make the cached HTML of the articles fresh after their visible comments changed.

    Purges them from the front-end cache when ``wagtail.contrib.frontend_cache`` is
    installed; otherwise the pages' short ``max-age`` (``DATELINE_PAGE_CACHE_SECONDS``)
    bounds how long a shared cache shows the old list.
    """
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    from dateline.news.models import ArticlePage

    purge_pages_from_cache(ArticlePage.objects.filter(pk__in=set(article_ids)))


def post_comment(
    *,
    article,
    name: str,
    body: str,
    email: str = "",
    parent_id: int | None = None,
    language: str,
    reader_hash: str,
    ip_hash: str,
    nonce_hash: str,
) -> ReaderComment:
    """Store a reader's comment on ``article`` (a live ArticlePage) and return it.

    ``name``, ``body`` and ``email`` are stored exactly as given (already validated by
    ``forms.CommentForm``). ``parent_id`` names an approved comment of the same article;
    a reply to a reply is attached to its top-level comment. The new comment is approved
    at once only in post-moderation with no banned word of ``language``; otherwise it
    waits in the queue. ``reader_hash``/``ip_hash`` are hashed identifiers (never clear
    addresses); ``nonce_hash`` is the hash of the form's one-time token. The moderation
    mode and banned words are the ``CommentSettings`` of the article's site.

    Raises ``CommentsClosed``, ``UnknownParent``, ``ReplayedForm``, ``DuplicateComment``,
    or ``TooManyComments`` (more than ``DATELINE_COMMENTS_RATE_LIMIT`` comments per
    ``DATELINE_COMMENTS_RATE_WINDOW`` seconds from one address).
    """
    if not comments_open(article):
        raise CommentsClosed()
    parent = None
    if parent_id is not None:
        parent = (
            ReaderComment.objects.filter(pk=parent_id, article_id=article.pk, state=CommentState.APPROVED)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise UnknownParent()
        if parent.parent_id is not None:  # one level of replies
            parent = parent.parent
            if parent.state != CommentState.APPROVED:
                raise UnknownParent()
    if ReaderComment.objects.filter(form_nonce=nonce_hash).exists():
        raise ReplayedForm()
    since = timezone.now() - timedelta(seconds=settings.DATELINE_COMMENTS_DUPLICATE_WINDOW)
    if ReaderComment.objects.filter(
        article_id=article.pk, reader_hash=reader_hash, body=body, created_at__gte=since
    ).exists():
        raise DuplicateComment()
    try:
        hit(
            "comments",
            ip_hash,
            limit=settings.DATELINE_COMMENTS_RATE_LIMIT,
            window=settings.DATELINE_COMMENTS_RATE_WINDOW,
        )
    except RateLimitExceeded as exc:
        raise TooManyComments(exc.retry_after) from exc

    comment_settings = CommentSettings.for_site(article.get_site())
    state, held_reason = initial_state(comment_settings, language, f"{name}\n{body}")
    try:
        with transaction.atomic():
            comment = ReaderComment.objects.create(
                article=article,
                parent=parent,
                name=name,
                email=email,
                body=body,
                language=language,
                state=state,
                held_reason=held_reason,
                reader_hash=reader_hash,
                ip_hash=ip_hash,
                form_nonce=nonce_hash,
            )
    except IntegrityError as exc:  # the same nonce stored by a concurrent request
        raise ReplayedForm() from exc
    if state == CommentState.APPROVED:
        transaction.on_commit(lambda: refresh_article_pages([article.pk]))
    return comment


def moderate(comments, state: str, user=None) -> int:
    """Set ``state`` (a ``CommentState``) on ``comments`` (an iterable of ReaderComment); return how many changed.

    Records who moderated and when, and refreshes the cached pages of the articles
    concerned. Raises ``ValueError`` for an unknown state.
    """
    if state not in CommentState.values:
        raise ValueError(f"unknown comment state {state!r}")
    ids = [comment.pk for comment in comments]
    with transaction.atomic():
        queryset = ReaderComment.objects.select_for_update().filter(pk__in=ids).exclude(state=state)
        article_ids = list(queryset.values_list("article_id", flat=True))
        changed = queryset.update(state=state, moderated_at=timezone.now(), moderated_by=user)
    if changed:
        refresh_article_pages(article_ids)
    return changed


def set_comments_closed(article, closed: bool, user=None) -> ArticleCommentStatus:
    """Close (``closed=True``) or reopen comments on ``article``; return its status row.

    Comments already stored stay as they are; closing only refuses new ones.
    """
    with transaction.atomic():
        status, _created = ArticleCommentStatus.objects.select_for_update().get_or_create(article_id=article.pk)
        status.closed = closed
        status.changed_by = user
        status.save(update_fields=["closed", "changed_by", "changed_at"])
    refresh_article_pages([article.pk])
    return status
