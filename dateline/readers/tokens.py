"""Who the reader is, without an account: a signed first-party cookie and the client address.

The article HTML is the same for every reader (so that it can be cached whole);
the reader cookie is set by the small state request the page makes after it
loads (``readers.views.reader_state``), never by the article itself.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

READER_COOKIE = "dl_reader"
READER_COOKIE_SALT = "dateline.readers.cookie"
READER_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600  # seconds


def get_reader_id(request: HttpRequest) -> str | None:
    """Return the anonymous reader id from the signed cookie, or ``None`` if absent or forged."""
    value = request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_COOKIE_SALT)
    if value is None:
        return None
    try:
        return uuid.UUID(value).hex
    except ValueError:
        return None


def ensure_reader_id(request: HttpRequest, response: HttpResponse) -> str:
    """Return the reader id, setting a new signed cookie on ``response`` when there is none.

    The cookie is first-party, HttpOnly, SameSite=Lax, and lasts two years.
    """
    reader_id = get_reader_id(request)
    if reader_id is None:
        reader_id = uuid.uuid4().hex
        response.set_signed_cookie(
            READER_COOKIE,
            reader_id,
            salt=READER_COOKIE_SALT,
            max_age=READER_COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        request.dateline_reader_id = reader_id
    return reader_id


def client_ip(request: HttpRequest) -> str:
    """Return the client's IP address.

    ``REMOTE_ADDR`` unless ``DATELINE_TRUSTED_PROXY_COUNT`` (an integer, default 0) says how
    many reverse proxies append to ``X-Forwarded-For``; then the address that many hops back.
    """
    proxies = settings.DATELINE_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def hashed(value: str, purpose: str) -> str:
    """Return a keyed SHA-256 hex digest of ``value`` (HMAC with SECRET_KEY and ``purpose``).

    Used to store reader fingerprints and addresses without storing them in clear.
    """
    key = signing.salted_hmac(purpose, "", secret=settings.SECRET_KEY).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def reader_fingerprint(request: HttpRequest) -> str:
    """Return a hashed fingerprint of the reader: the account, else the reader cookie, else IP + user agent."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        basis = f"user:{user.pk}"
    else:
        reader_id = getattr(request, "dateline_reader_id", None) or get_reader_id(request)
        if reader_id:
            basis = f"reader:{reader_id}"
        else:
            basis = f"ip:{client_ip(request)}|ua:{request.META.get('HTTP_USER_AGENT', '')[:300]}"
    return hashed(basis, "dateline.readers.fingerprint")
