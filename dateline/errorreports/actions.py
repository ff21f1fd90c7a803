"""Writes of the errorreports app: one function per write, each validating its input.

- ``submit_report``: a reader reports a passage of a live article.
- ``set_status``: an editor marks reports fixed, dismissed or open again.
- ``close_fixed_reports``: a newly published revision closes the reports it corrected.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dateline.news.models import ArticlePage
from dateline.ratelimit import RateLimitExceeded, hit
from dateline.readers.responses import Refusal

from .models import ErrorReport, ErrorReportSubmission
from .passages import article_text, locate_passage, normalise_whitespace, passage_survives


class ReportRejected(Refusal):
    """A report the server refuses (see ``readers.responses.Refusal``).

    ``code`` is machine-readable (``empty``, ``too_long``, ``context_too_long``,
    ``comment_too_long``, ``not_in_article``, ``unknown_article``, ``rate_limited``);
    ``retry_after`` (seconds) is set for ``rate_limited``.
    """

    def __init__(self, code: str, message, status: int = 400, retry_after: int | None = None):
        super().__init__(message, code=code, status=status, retry_after=retry_after)


@dataclass(frozen=True)
class SubmitResult:
    """What ``submit_report`` did: the report, and whether this reader was new to it (counted)."""

    report: ErrorReport
    counted: bool


def too_long_message():
    """The reader's message for an over-long selection, in the active language."""
    return _("The selected text is too long")


def too_long_detail(limit: int) -> str:
    """The hint that follows ``too_long_message``: how many characters may be selected."""
    return ngettext(
        "Select no more than %(limit)d character around the error.",
        "Select no more than %(limit)d characters around the error.",
        limit,
    ) % {"limit": limit}


def _check_rate(rate_key: str) -> None:
    try:
        hit(
            "errorreports",
            rate_key,
            settings.DATELINE_ERRORREPORTS_RATE_LIMIT,
            settings.DATELINE_ERRORREPORTS_RATE_WINDOW,
        )
    except RateLimitExceeded as exc:
        raise ReportRejected(
            "rate_limited",
            _("You have sent many reports in a short time. Please try again in a few minutes."),
            status=429,
            retry_after=exc.retry_after,
        ) from exc


def submit_report(
    *,
    article_id: int,
    selected_text: str,
    context_before: str = "",
    context_after: str = "",
    comment: str = "",
    fingerprint: str,
    rate_key: str,
) -> SubmitResult:
    """Store a reader's report of ``selected_text`` in the live article ``article_id``.

    ``selected_text`` is what the reader selected (1 to ``DATELINE_ERRORREPORTS_MAX_SELECTION``
    characters once whitespace is collapsed); ``context_before`` / ``context_after`` are the
    text around it as the reader's page computed it (at most ``DATELINE_ERRORREPORTS_CONTEXT_CHARS``
    characters each, whitespace aside) and only pick the occurrence; the stored context is
    taken from the current revision's text. ``comment`` is optional plain text (at most
    ``DATELINE_ERRORREPORTS_MAX_COMMENT`` characters); markup is kept as text, never rendered.
    ``fingerprint`` is the hashed reader (``readers.tokens.reader_fingerprint``); ``rate_key``
    the hashed client address the per-IP rate limit counts
    (``DATELINE_ERRORREPORTS_RATE_LIMIT`` per ``..._RATE_WINDOW`` seconds; every attempt
    counts, refused ones included, so that probing is limited too).

    Identical reports of one revision (same selection and context) are merged: the reader is
    counted once (``counted`` is False on a replay by the same reader, whose new non-empty
    comment then replaces the old one). Returns a ``SubmitResult``.

    Raises ``ReportRejected`` (nothing is stored) for a rate-limited client (429), an unknown
    or unpublished article (404), an empty or too long selection, too long context or comment,
    or a selection that is not in the article's text (400).
    """
    _check_rate(rate_key)
    article = ArticlePage.objects.visible().filter(pk=article_id).select_related("locale").first()
    if article is None:
        raise ReportRejected("unknown_article", _("This article does not exist or is not published."), status=404)
    selected = normalise_whitespace(selected_text or "")
    if not selected:
        raise ReportRejected("empty", _("Select the text with the error first."))
    if len(selected) > settings.DATELINE_ERRORREPORTS_MAX_SELECTION:
        raise ReportRejected(
            "too_long", f"{too_long_message()}. {too_long_detail(settings.DATELINE_ERRORREPORTS_MAX_SELECTION)}"
        )
    # the page's context may carry a space more than the limit at either end
    if any(
        len(normalise_whitespace(c or "")) > settings.DATELINE_ERRORREPORTS_CONTEXT_CHARS
        for c in (context_before, context_after)
    ):
        raise ReportRejected("context_too_long", _("The text around the selection is too long."))
    comment = (comment or "").strip()
    if len(comment) > settings.DATELINE_ERRORREPORTS_MAX_COMMENT:
        raise ReportRejected(
            "comment_too_long",
            ngettext(
                "The comment is too long: at most %(limit)d character.",
                "The comment is too long: at most %(limit)d characters.",
                settings.DATELINE_ERRORREPORTS_MAX_COMMENT,
            )
            % {"limit": settings.DATELINE_ERRORREPORTS_MAX_COMMENT},
        )
    passage = locate_passage(
        article_text(article), selected, context_before, context_after, settings.DATELINE_ERRORREPORTS_CONTEXT_CHARS
    )
    if passage is None:
        raise ReportRejected(
            "not_in_article", _("The selected text is not in this article. Select the text inside the article.")
        )
    revision_id = article.live_revision_id or article.latest_revision_id
    digest = ErrorReport.make_digest(revision_id, passage.selected, passage.before, passage.after)
    with transaction.atomic():
        report, _created = ErrorReport.objects.get_or_create(
            article=article,
            digest=digest,
            defaults={
                "locale_id": article.locale_id,
                "revision_id": revision_id,
                "selected_text": passage.selected,
                "context_before": passage.before,
                "context_after": passage.after,
            },
        )
        try:
            with transaction.atomic():
                ErrorReportSubmission.objects.create(report=report, fingerprint=fingerprint, comment=comment)
        except IntegrityError:
            if comment:  # a replay: the reader's latest words replace their earlier ones
                ErrorReportSubmission.objects.filter(report=report, fingerprint=fingerprint).update(comment=comment)
            counted = False
        else:
            ErrorReport.objects.filter(pk=report.pk).update(count=F("count") + 1, last_reported_at=timezone.now())
            counted = True
    report.refresh_from_db()
    return SubmitResult(report=report, counted=counted)


def set_status(report_ids, status: str, revision=None) -> int:
    """Set the ``status`` (an ``ErrorReport.Status`` value) of the reports ``report_ids``.

    ``revision`` (a ``wagtail.models.Revision``) is recorded as the fixing revision when
    ``status`` is fixed. Reports already in ``status`` are left alone. Returns how many
    reports changed. Raises ``ValueError`` for an unknown status.
    """
    if status not in ErrorReport.Status.values:
        raise ValueError(f"unknown error report status {status!r}")
    changes = {"status": status, "status_changed_at": timezone.now()}
    if status == ErrorReport.Status.FIXED:
        changes["fixed_revision"] = revision
    else:
        changes["fixed_revision"] = None
    return ErrorReport.objects.filter(pk__in=list(report_ids)).exclude(status=status).update(**changes)


def close_fixed_reports(article, revision=None) -> int:
    """Mark fixed the open reports of ``article`` whose passage its published text no longer has.

    ``article`` is the ``ArticlePage`` as just published, ``revision`` the published revision.
    A passage counts as still there when its selection occurs with the nearest characters of its
    context (``passages.passage_survives``). Returns how many reports were closed.
    """
    text = article_text(article)
    open_reports = ErrorReport.objects.filter(article_id=article.pk, status=ErrorReport.Status.OPEN)
    if revision is not None:
        open_reports = open_reports.exclude(revision_id=revision.pk)
    fixed = [
        report.pk
        for report in open_reports.only("pk", "selected_text", "context_before", "context_after")
        if not passage_survives(text, report.selected_text, report.context_before, report.context_after)
    ]
    if not fixed:
        return 0
    return set_status(fixed, ErrorReport.Status.FIXED, revision=revision)
