"""The newsroom's records: withdrawals and releases (embargoes lifted, banners ended)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Withdrawal(models.Model):
    """An article an editor withdrew (unpublished with a reason): its URL answers 410.

    ``path`` is the article's URL path at withdrawal (``/en/news/<slug>/``); the record
    goes away when the article is published again.
    """

    article = models.OneToOneField(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="withdrawal"
    )
    path = models.CharField(_("URL path"), max_length=1000, db_index=True)
    reason = models.TextField(_("reason"), help_text=_("Shown to readers at the article's address."))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-withdrawn_at"]
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")

    def __str__(self) -> str:
        return self.path


class Release(models.Model):
    """A timed change the periodic jobs have handled (cached pages purged, recorded once).

    ``kind`` is "embargo" (the article became public at ``due_at``) or "breaking" (its
    banner ended at ``due_at``); ``done_at`` is when the job purged the cached pages.
    """

    EMBARGO = "embargo"
    BREAKING = "breaking"
    KINDS = [(EMBARGO, _("embargo lifted")), (BREAKING, _("breaking banner ended"))]

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="releases")
    kind = models.CharField(max_length=20, choices=KINDS)
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "kind", "due_at"], name="newsroom_release_once")]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return f"{self.kind} {self.article_id} @ {self.due_at:%Y-%m-%d %H:%M}"
