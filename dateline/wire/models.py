"""The wire desk: configured sources and the inbox of items they deliver.

``WireSource`` is a feed, web page, agency endpoint (ninjs, NewsML-G2, NITF over
HTTP, with a key) or watched folder, polled by the worker at its interval
(``dateline.wire.tasks``) or by ``dateline ingest``.
``InboxItem`` is one story received (or imported once with ``dateline import``):
it stays in the inbox, unpublished, until an editor takes it into a draft
article or dismisses it, and it is kept afterwards so that the same story is
never offered again (normalised guid, canonical URL, content hash).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .sources.encoding import codec_name

MIN_INTERVAL = 30  # seconds: the worker's polling tick


def validate_encoding(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` names a known text encoding (aliases such as cp-1251 accepted)."""
    if value and not codec_name(value):
        raise ValidationError(_("Unknown encoding “%(value)s”."), params={"value": value})


class WireSource(models.Model):
    """A source of wire copy and its polling state.

    ``interval`` is in seconds; a failing source is retried after
    ``interval × 2^(failures−1)`` seconds, at most ``DATELINE_WIRE_MAX_BACKOFF``.
    """

    class Kind(models.TextChoices):
        FEED = "feed", _("RSS/Atom/RDF feed")
        PAGE = "page", _("Web page")
        ENDPOINT = "endpoint", _("Agency endpoint: ninjs, NewsML-G2 or NITF over HTTP")
        FOLDER = "folder", _("Watched folder (NewsML-G2, NITF, ninjs files)")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField(_("URL"), max_length=1000, blank=True, help_text=_("Feed, page or endpoint address."))
    folder = models.CharField(
        _("folder"),
        max_length=500,
        blank=True,
        help_text=_("Absolute path of the folder where NewsML-G2, NITF or ninjs files are dropped (by FTP)."),
    )
    api_key = models.CharField(
        _("API key"), max_length=500, blank=True, help_text=_("Sent with every request to an agency endpoint.")
    )
    api_key_header = models.CharField(
        _("API key header"),
        max_length=100,
        blank=True,
        default="Authorization",
        help_text=_("HTTP header that carries the key, e.g. Authorization (write “Bearer …” in the key) or X-Api-Key."),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("edition"), on_delete=models.PROTECT, related_name="+"
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("default section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Offered first when an editor takes an item from this source."),
    )
    agency = models.ForeignKey(
        "news.SourceAgency",
        verbose_name=_("credited agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Credited on the articles taken from this source (default: the name the copy gives)."),
    )
    interval = models.PositiveIntegerField(
        _("polling interval (seconds)"), default=300, validators=[MinValueValidator(MIN_INTERVAL)]
    )
    enabled = models.BooleanField(_("on"), default=True)
    language = models.CharField(
        _("language of the copy"),
        max_length=10,
        blank=True,
        help_text=_("Used when an item does not say and cannot be recognised (default: the edition's)."),
    )
    encoding = models.CharField(
        _("encoding"),
        max_length=40,
        blank=True,
        validators=[validate_encoding],
        help_text=_("Only for copy that declares no encoding or a wrong one, e.g. windows-1251, koi8-r."),
    )
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_warnings = models.TextField(_("last warnings"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """Check that the source has what its type needs and that its section belongs to its edition."""
        errors = {}
        if self.kind == self.Kind.FOLDER:
            if not self.folder:
                errors["folder"] = _("A watched folder needs its path.")
        elif not self.url:
            errors["url"] = _("This type of source needs its URL.")
        if self.section_id and self.locale_id and self.section.locale_id != self.locale_id:
            errors["section"] = _("Choose a section of the source's edition.")
        if self.agency_id and self.locale_id and self.agency.locale_id != self.locale_id:
            errors["agency"] = _("Choose an agency of the source's edition.")
        if errors:
            raise ValidationError(errors)

    @property
    def location(self) -> str:
        """The URL, or the folder path."""
        return self.folder if self.kind == self.Kind.FOLDER else self.url

    @property
    def copy_language(self) -> str:
        """The language of this source's copy when an item does not say: its setting, else the edition's."""
        return self.language or (self.locale.language_code if self.locale_id else "")

    def request_headers(self) -> dict[str, str]:
        """HTTP headers of a request to this source (the API key, when set)."""
        if self.api_key and self.api_key_header:
            return {self.api_key_header: self.api_key}
        return {}

    def backoff_seconds(self) -> int:
        """Seconds until the next try after ``failures`` failures in a row (doubling, capped)."""
        if not self.failures:
            return self.interval
        cap = max(self.interval, settings.DATELINE_WIRE_MAX_BACKOFF)
        return min(cap, self.interval * 2 ** min(self.failures - 1, 20))

    def schedule_next(self, now=None) -> None:
        """Set ``next_poll_at`` from ``now`` (default: the current time) and the back-off."""
        self.next_poll_at = (now or timezone.now()) + timedelta(seconds=self.backoff_seconds())


class InboxItem(models.Model):
    """One story on the wire desk, as received; never changed after it arrived except its status.

    ``guid_key``, ``url_key`` and ``content_hash`` are the deduplication keys
    (see ``dateline.wire.sources.tidy``). ``update_of`` links a newer version of
    an item (same guid, higher version or later version time) to the one before.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TAKEN = "taken", _("Taken")
        DISMISSED = "dismissed", _("Dismissed")

    source = models.ForeignKey(
        WireSource,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    format = models.CharField(_("format"), max_length=20, blank=True)
    guid = models.CharField(_("guid"), max_length=1000, blank=True)
    guid_key = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    url = models.URLField(_("original URL"), max_length=1000, blank=True)
    url_key = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    version = models.BigIntegerField(_("version"), null=True, blank=True)
    title = models.CharField(_("headline"), max_length=255)
    subheadline = models.CharField(_("subheadline"), max_length=500, blank=True)
    lead = models.TextField(_("lead"), blank=True)
    body_html = models.TextField(_("original text"), blank=True)
    original_text = models.TextField(_("plain text"), blank=True, editable=False)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    dateline_place = models.CharField(_("dateline"), max_length=100, blank=True)
    first_created = models.DateTimeField(_("first created"), null=True, blank=True)
    version_created = models.DateTimeField(_("version created"), null=True, blank=True, db_index=True)
    date_problem = models.CharField(_("date problem"), max_length=500, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), null=True, blank=True, db_index=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True, db_index=True)
    rights = models.TextField(_("rights"), blank=True)
    source_name = models.CharField(_("credited as"), max_length=100, blank=True)
    source_site_url = models.URLField(_("source website"), max_length=200, blank=True)
    image_url = models.URLField(_("lead image URL"), max_length=1000, blank=True)
    image_credit = models.CharField(_("lead image credit"), max_length=200, blank=True)
    warnings = models.TextField(_("warnings"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    update_of = models.ForeignKey(
        "self",
        verbose_name=_("update of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="updates",
    )
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "-received_at"], name="wire_inbox_status_received")]

    def __str__(self) -> str:
        return Truncator(self.title).chars(80)

    @property
    def published_at(self):
        """The time the item gives for itself (first created, else this version), or ``None``."""
        return self.first_created or self.version_created
