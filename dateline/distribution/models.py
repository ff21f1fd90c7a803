"""API keys of the subscribers who read the IPTC ninjs API.

A key is shown to the editor once, when it is created; only its SHA-256 hash is
stored. A key looks like ``dl_<prefix>_<secret>``: the 8-character ``prefix``
is stored in clear to find the key's row, the whole key is compared by hash.
"""

from __future__ import annotations

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_LENGTH = 8
DEFAULT_RATE_LIMIT_PER_MINUTE = 60


def hash_api_key(raw_key: str) -> str:
    """Return the SHA-256 hex digest (64 characters) of a full API key."""
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


class ApiKey(models.Model):
    """One subscriber's key to the ninjs API, with its own rate limit.

    ``rate_limit_per_minute`` is the number of requests the key may make in
    one clock minute; the 61st request of a 60-per-minute key gets HTTP 429.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for, e.g. “Website feed”."))
    subscriber = models.CharField(
        _("subscriber"), max_length=200, help_text=_("The organisation or person who receives the key.")
    )
    prefix = models.CharField(_("key prefix"), max_length=KEY_PREFIX_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, editable=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to revoke the key: its requests are refused at once.")
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=DEFAULT_RATE_LIMIT_PER_MINUTE,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    embargoed_content_allowed = models.BooleanField(
        _("embargoed content allowed"),
        default=False,
        help_text=_(
            "The subscriber has agreed to the embargo terms: the key receives embargoed articles "
            "before their time, marked with ninjs “embargoed”."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["subscriber", "name"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.subscriber}: {self.name} ({self.prefix}…)"
