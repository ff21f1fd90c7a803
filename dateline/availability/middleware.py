"""Answer 503 Service Unavailable, in the reader's language, when the database or the shared store fails.

A locked, read-only, missing or unreachable database, or a Redis that cannot
count a rate limit, is not the reader's fault and not a bug to report as a 500:
the reader is told the site cannot take this request now and to try again in a
minute (``Retry-After``). Scripts asking for JSON (the reader widgets, the API)
get ``{"error": {"code": "unavailable", "message": ...}}``. The page is rendered
without the database, which may be what failed. Every such answer is logged.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from redis.exceptions import RedisError

from dateline.readers.responses import error_json, wants_json

logger = logging.getLogger("dateline.availability")

#: Seconds the reader is asked to wait before trying again.
RETRY_AFTER = 30


def is_unavailable(error: BaseException) -> bool:
    """True when ``error`` means a backing service is unavailable rather than a bug.

    Covers the database's ``OperationalError``/``InterfaceError`` (cannot connect, locked past
    the busy timeout, no such table in a missing SQLite file, read-only file), PostgreSQL's
    read-only transaction (SQLSTATE 25006), and any ``RedisError`` (refused, timed out).
    """
    if isinstance(error, OperationalError | InterfaceError | RedisError):
        return True
    if isinstance(error, DatabaseError):
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) == "25006" or "read-only" in str(error) or "readonly" in str(error):
            return True
    return False


def unavailable_response(request) -> HttpResponse:
    """The 503 answer: JSON for scripts and the API (``/api/``), else a page in the active language; never cached."""
    message = gettext("The site cannot take this request right now. Please try again in a minute.")
    if wants_json(request) or request.path.startswith("/api/"):
        response = error_json("unavailable", message, 503, retry_after=RETRY_AFTER)
    else:
        context = {
            "error_title": gettext("Temporarily unavailable"),
            "error_message": message,
            "home_label": gettext("Go to the home page"),
            "language": get_language(),
        }
        response = HttpResponse(loader.render_to_string("availability/503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class ServiceUnavailableMiddleware:
    """Turn an unavailable database or shared store (see ``is_unavailable``) into a 503 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Return the 503 answer for an unavailable backing service; ``None`` (a 500) for anything else."""
        if not is_unavailable(exception):
            return None
        logger.error("503 for %s %s: %s", request.method, request.path, exception, exc_info=exception)
        return unavailable_response(request)
