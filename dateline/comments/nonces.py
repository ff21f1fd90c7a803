"""One-time form tokens: each comment form carries a signed, time-stamped nonce.

A comment stores the hash of the nonce it was sent with (a unique column), so the
same form posted twice (a replayed POST, a double click, a browser re-send) is
refused and never stored twice.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing

from dateline.readers.tokens import hashed

NONCE_SALT = "dateline.comments.form-nonce"


class NonceError(Exception):
    """Raised by ``check_nonce`` when a nonce is missing, forged, expired or for another article."""


def issue_nonce(article_id: int) -> str:
    """Return a new signed, time-stamped one-time token for a comment form on article ``article_id``."""
    return signing.TimestampSigner(salt=NONCE_SALT).sign(f"{article_id}:{secrets.token_urlsafe(16)}")


def check_nonce(token: str, article_id: int) -> str:
    """Return the storable hash of ``token`` if it is a valid nonce for ``article_id``.

    Valid means: signed by this site, issued less than ``DATELINE_COMMENTS_FORM_MAX_AGE``
    seconds ago (default 86 400), and for this article. Raises ``NonceError`` otherwise.
    Whether it was already used is for the caller to check (the hash is unique).
    """
    if not token:
        raise NonceError("missing")
    try:
        value = signing.TimestampSigner(salt=NONCE_SALT).unsign(token, max_age=settings.DATELINE_COMMENTS_FORM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise NonceError("expired") from exc
    except signing.BadSignature as exc:
        raise NonceError("forged") from exc
    nonce_article, _, _nonce = value.partition(":")
    if nonce_article != str(article_id):
        raise NonceError("other article")
    return hashed(value, NONCE_SALT)
