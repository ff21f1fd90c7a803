"""Writes of the distribution app: creating API keys and recording their use."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import KEY_PREFIX_LENGTH, ApiKey, hash_api_key

KEY_SCHEME = "dl"
PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def generate_api_key() -> tuple[str, str]:
    """Return a new ``(prefix, full key)``: ``dl_<8 characters>_<43 url-safe characters>``.

    The secret part carries 256 bits from :mod:`secrets`.
    """
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(KEY_PREFIX_LENGTH))
    return prefix, f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"


def assign_new_secret(api_key: ApiKey) -> str:
    """Give the unsaved or saved ``api_key`` a fresh prefix and hash; return the full key.

    The caller saves the instance and shows the returned key once: it is not stored.
    """
    prefix, raw_key = generate_api_key()
    api_key.prefix = prefix
    api_key.key_hash = hash_api_key(raw_key)
    return raw_key


def create_api_key(*, name: str, subscriber: str, rate_limit_per_minute: int | None = None) -> tuple[ApiKey, str]:
    """Create and save an active API key; return ``(ApiKey, full key)``.

    Validates the fields with ``full_clean`` (raises ``ValidationError``) and
    retries once if the random prefix collides (raises ``IntegrityError`` if it
    collides twice, which does not happen in practice).
    """
    for attempt in range(2):
        api_key = ApiKey(name=name, subscriber=subscriber)
        if rate_limit_per_minute is not None:
            api_key.rate_limit_per_minute = rate_limit_per_minute
        raw_key = assign_new_secret(api_key)
        api_key.full_clean(exclude=["prefix", "key_hash"])
        try:
            with transaction.atomic():
                api_key.save()
        except IntegrityError:
            if attempt:
                raise
            continue
        return api_key, raw_key
    raise AssertionError("unreachable")


def record_api_key_use(api_key: ApiKey) -> None:
    """Set ``last_used_at`` of the key to now (one UPDATE, no model signals)."""
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
