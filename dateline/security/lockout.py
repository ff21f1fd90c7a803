"""What a locked-out sign-in gets: a page (or JSON) in the admin's language, 429 with ``Retry-After``.

django-axes counts failed sign-ins to the Wagtail admin per account and per address
(``DATELINE_LOGIN_FAILURE_LIMIT`` failures; ``AXES_LOCKOUT_PARAMETERS``) and calls
``lockout_response`` (``AXES_LOCKOUT_CALLABLE``) once either is locked.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_minutes() -> int:
    """How long a lockout lasts without an administrator (minutes, ``DATELINE_LOGIN_LOCKOUT_MINUTES``)."""
    return settings.DATELINE_LOGIN_LOCKOUT_MINUTES


def lockout_message() -> str:
    """The locked-out reader's message in the active language."""
    minutes = lockout_minutes()
    return ngettext(
        "Too many failed sign-in attempts for this account or from this address. "
        "Signing in is blocked for %(minutes)d minute, or until an administrator unlocks it.",
        "Too many failed sign-in attempts for this account or from this address. "
        "Signing in is blocked for %(minutes)d minutes, or until an administrator unlocks it.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Return the 429 answer to a locked-out sign-in (``AXES_LOCKOUT_CALLABLE``).

    JSON ``{"error": {"code": "locked_out", "message"}}`` when the client asks for
    JSON, else an HTML page; ``Retry-After`` is the lockout's length in seconds (RFC 9110).
    The language is the request's (``LocaleMiddleware``: the browser's for the login page).
    """
    message = lockout_message()
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"error": {"code": "locked_out", "message": message}}, status=429)
    else:
        response = render(request, "security/lockout.html", {"message": message}, status=429)
    response["Retry-After"] = str(lockout_minutes() * 60)
    response["Cache-Control"] = "no-store"
    return response
