"""Readers' votes (1-5 stars) on articles and the running count and sum per article.

``ArticleRating`` holds the figures the page shows. It is updated with ``F()``
expressions in the same transaction as the vote it reflects (see ``actions``),
so that the count and the average stay exact under concurrent votes.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_STARS = 1
MAX_STARS = 5


class Vote(models.Model):
    """One reader's vote on one article: 1 to 5 stars.

    A signed-in reader is identified by ``user``; an anonymous one by ``reader_id``
    (the signed first-party cookie of ``dateline.readers.tokens``). One vote per
    article per user and per reader id (database constraints). ``ip_hash`` is a
    keyed hash of the client address (never the address itself), used for the
    per-IP daily cap.
    """

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="rating_votes", verbose_name=_("article")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # NULL (not "") for signed-in readers, so that the conditional unique constraint skips them.
    reader_id = models.CharField(_("reader id"), max_length=32, null=True, blank=True)  # noqa: DJ001
    ip_hash = models.CharField(_("address hash"), max_length=64, blank=True, default="")
    value = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(MIN_STARS), MaxValueValidator(MAX_STARS)]
    )
    created_at = models.DateTimeField(_("voted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=MIN_STARS) & Q(value__lte=MAX_STARS), name="ratings_vote_value_1_to_5"
            ),
            models.UniqueConstraint(
                fields=["article", "user"], condition=Q(user__isnull=False), name="ratings_one_vote_per_user"
            ),
            models.UniqueConstraint(
                fields=["article", "reader_id"],
                condition=Q(reader_id__isnull=False),
                name="ratings_one_vote_per_reader",
            ),
        ]
        indexes = [models.Index(fields=["article", "ip_hash", "created_at"], name="ratings_vote_ip_day")]

    def __str__(self) -> str:
        return f"{self.value}/{MAX_STARS} — {self.article}"

    @property
    def voter(self) -> str:
        """Who voted, for editors: the user name, or "anonymous reader" and the start of the reader id."""
        if self.user_id:
            return self.user.get_username()
        if self.reader_id:
            return _("anonymous reader %(id)s") % {"id": self.reader_id[:8]}
        return _("unknown")


class ArticleRating(models.Model):
    """The running figures of one article: how many votes and the sum of their stars.

    Maintained by ``dateline.ratings.actions`` only; the average is ``vote_sum / vote_count``.
    """

    article = models.OneToOneField(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating",
        verbose_name=_("article"),
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    vote_sum = models.PositiveBigIntegerField(_("sum of stars"), default=0)
    updated_at = models.DateTimeField(_("last vote"), default=timezone.now)

    class Meta:
        verbose_name = _("article rating")
        verbose_name_plural = _("article ratings")
        ordering = ["-vote_count", "-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vote_sum__gte=models.F("vote_count") * MIN_STARS)
                & Q(vote_sum__lte=models.F("vote_count") * MAX_STARS),
                name="ratings_sum_within_count",
            ),
        ]

    def __str__(self) -> str:
        return str(self.article)

    @property
    def average(self) -> Decimal | None:
        """The average number of stars rounded half up to one decimal, or ``None`` without votes."""
        return average_of(self.vote_count, self.vote_sum)


def average_of(count: int, total: int) -> Decimal | None:
    """Return ``total / count`` rounded half up to one decimal place, or ``None`` when ``count`` is 0."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
