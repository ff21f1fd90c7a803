"""Writes of the ratings app: cast a vote, delete a vote.

Each write locks the article's ``ArticleRating`` row (``SELECT ... FOR UPDATE``)
and changes the vote and the running figures in one transaction, so that on
PostgreSQL concurrent votes are counted exactly once each. On SQLite, which
runs one write transaction at a time, the lock is not needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dateline.news.models import ArticlePage
from dateline.readers.responses import Refusal

from .forms import VoteForm
from .models import ArticleRating, Vote

IP_CAP_WINDOW = timedelta(hours=24)
RETRIES = 3


class VoteError(Refusal):
    """A vote that cannot be taken; nothing was stored (see ``readers.responses.Refusal``)."""

    code = "invalid"
    status = 400
    message = _("Your vote could not be taken.")


class InvalidStars(VoteError):
    """The value is not a whole number from 1 to 5."""

    code = "invalid_value"
    status = 400
    message = _("Choose from 1 to 5 stars.")


class UnknownArticle(VoteError):
    """No live article has that id."""

    code = "unknown_article"
    status = 404
    message = _("This article does not exist or is no longer published.")


class MissingReaderToken(VoteError):
    """An anonymous vote without a valid reader cookie."""

    code = "missing_token"
    status = 403
    message = _("Your browser did not send the reader cookie. Allow cookies for this site and try again.")


class TooManyVotes(VoteError):
    """The per-IP daily cap of new votes on this article is reached."""

    code = "rate_limited"
    status = 429
    message = _("Too many votes on this article from your network today. Please try again later.")


@dataclass(frozen=True)
class VoteOutcome:
    """What ``cast_vote`` did: ``created`` (a new vote), ``changed`` (a different value), or neither
    (the same value again); ``value`` is the reader's vote now, ``vote_count`` and ``vote_sum``
    the article's figures after it."""

    value: int
    created: bool
    changed: bool
    vote_count: int
    vote_sum: int


def cast_vote(*, article_id: int, stars, user=None, reader_id: str | None = None, ip_hash: str = "") -> VoteOutcome:
    """Record a reader's vote of ``stars`` (1-5) on the live article ``article_id``.

    The reader is ``user`` when signed in, else the anonymous ``reader_id`` (the signed
    cookie's id). Voting again changes the reader's vote and never adds one. New anonymous
    votes are capped per ``ip_hash`` and article at DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY
    in any 24 hours, counted in the database under the article's lock (exact).

    Returns a ``VoteOutcome``. Raises ``InvalidStars`` (400), ``MissingReaderToken`` (403),
    ``UnknownArticle`` (404) or ``TooManyVotes`` (429); then nothing is stored.
    """
    value = VoteForm.chosen(stars)
    if value is None:
        raise InvalidStars
    if user is not None and not user.is_authenticated:
        user = None
    if user is None and not reader_id:
        raise MissingReaderToken
    article = ArticlePage.objects.visible().filter(pk=article_id).only("pk").first()
    if article is None:
        raise UnknownArticle
    ArticleRating.objects.get_or_create(article=article)
    identity = {"user": user} if user is not None else {"reader_id": reader_id}
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                return _cast_locked(article, value, identity, user, reader_id, ip_hash)
        except IntegrityError:  # a concurrent first vote of the same reader won; take it as a change
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _cast_locked(article, value, identity, user, reader_id, ip_hash) -> VoteOutcome:
    now = timezone.now()
    rating = ArticleRating.objects.select_for_update().get(article=article)
    vote = Vote.objects.select_for_update().filter(article=article, **identity).first()
    if vote is not None:
        delta = value - vote.value
        if delta:
            vote.value = value
            vote.save(update_fields=["value", "updated_at"])
            ArticleRating.objects.filter(pk=rating.pk).update(vote_sum=F("vote_sum") + delta, updated_at=now)
        return VoteOutcome(value, False, bool(delta), rating.vote_count, rating.vote_sum + delta)
    cap = settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY
    if user is None and cap > 0 and ip_hash:
        recent = Vote.objects.filter(article=article, ip_hash=ip_hash, created_at__gte=now - IP_CAP_WINDOW)
        times = list(recent.order_by("created_at").values_list("created_at", flat=True)[:cap])
        if len(times) >= cap:
            retry_after = int((times[0] + IP_CAP_WINDOW - now).total_seconds()) + 1
            raise TooManyVotes(retry_after=max(retry_after, 1))
    Vote.objects.create(
        article=article,
        user=user,
        reader_id=None if user is not None else reader_id,
        ip_hash=ip_hash,
        value=value,
        created_at=now,
    )
    ArticleRating.objects.filter(pk=rating.pk).update(
        vote_count=F("vote_count") + 1, vote_sum=F("vote_sum") + value, updated_at=now
    )
    return VoteOutcome(value, True, True, rating.vote_count + 1, rating.vote_sum + value)


def delete_vote(vote_id: int) -> None:
    """Delete the vote ``vote_id`` (an editor removing an abusive vote) and take it out of the figures.

    Locks the article's rating row; raises ``Vote.DoesNotExist`` if the vote is gone.
    """
    with transaction.atomic():
        article_id = Vote.objects.values_list("article_id", flat=True).get(pk=vote_id)
        ArticleRating.objects.select_for_update().filter(pk=article_id).first()
        vote = Vote.objects.select_for_update().get(pk=vote_id)
        vote.delete()
        ArticleRating.objects.filter(pk=article_id).update(
            vote_count=F("vote_count") - 1, vote_sum=F("vote_sum") - vote.value
        )
