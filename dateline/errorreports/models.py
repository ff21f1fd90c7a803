"""Spelling-error reports: a passage of one article revision that readers say is wrong.

Identical reports (same article, revision, selection and context) are one
``ErrorReport`` with a ``count`` of the distinct readers who sent it; each reader's
submission (hashed fingerprint, comment, time) is an ``ErrorReportSubmission``.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class ErrorReport(models.Model):
    """A reported passage: the selected text and its context in one revision of an article.

    ``count`` is the number of distinct readers (fingerprints) who reported it.
    ``status`` moves open → fixed (by an editor, or on its own when a revision that no
    longer contains the passage is published) or open → dismissed, and back to open.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FIXED = "fixed", _("Fixed")
        DISMISSED = "dismissed", _("Dismissed")

    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="error_reports"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The published revision the reader was reading."),
    )
    selected_text = models.TextField(_("selected text"))
    context_before = models.TextField(_("text before"), blank=True)
    context_after = models.TextField(_("text after"), blank=True)
    digest = models.CharField(
        _("digest"), max_length=64, editable=False, help_text=_("SHA-256 of revision, selection and context.")
    )
    count = models.PositiveIntegerField(_("readers"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    last_reported_at = models.DateTimeField(_("last reported"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    fixed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("fixed in revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-last_reported_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["article", "digest"], name="errorreports_one_per_passage")]
        indexes = [models.Index(fields=["article", "status"], name="errorreports_article_status")]

    def __str__(self) -> str:
        return Truncator(self.selected_text).chars(60)

    @staticmethod
    def make_digest(revision_id: int | None, selected: str, before: str, after: str) -> str:
        """Return the hex SHA-256 that identifies a passage of one revision (the merge key)."""
        key = "\x1f".join([str(revision_id or ""), before, selected, after])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    # Columns of the admin queue (escaped with format_html).

    def passage_html(self):
        """The selection in its context, the selection highlighted with ``<mark>`` (escaped HTML)."""
        return format_html(
            '<bdi class="errorreport-passage" dir="auto">{}<mark>{}</mark>{}</bdi>',
            ("…" + self.context_before) if self.context_before else "",
            self.selected_text,
            (self.context_after + "…") if self.context_after else "",
        )

    passage_html.short_description = _("selected text in context")

    def article_link(self):
        """A link to the article in the page editor (escaped HTML)."""
        return format_html(
            '<a href="{}">{}</a>', reverse("wagtailadmin_pages:edit", args=[self.article_id]), self.article.title
        )

    article_link.short_description = _("article")

    def comments_html(self):
        """The readers' comments, one per line (escaped HTML)."""
        comments = [s.comment for s in self.submissions.all() if s.comment]
        return format_html_join("", '<p class="errorreport-comment" dir="auto">{}</p>', ((c,) for c in comments))

    comments_html.short_description = _("comments")


class ErrorReportSubmission(models.Model):
    """One reader's report of an ``ErrorReport``: hashed fingerprint, optional comment, time."""

    report = models.ForeignKey(ErrorReport, on_delete=models.CASCADE, related_name="submissions")
    fingerprint = models.CharField(
        _("reader fingerprint"), max_length=64, help_text=_("Keyed SHA-256, not reversible.")
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("error report submission")
        verbose_name_plural = _("error report submissions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "fingerprint"], name="errorreports_one_submission_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.fingerprint[:8]}"
