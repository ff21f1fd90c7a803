"""How the reader endpoints (ratings, comments, error reports) refuse, and their JSON answers.

Every refusal is a ``Refusal`` (a subclass per reason, in each app's ``actions``);
every view answers it with ``refusal_response``: JSON for the page's widgets, the
endpoint's own small HTML page otherwise, both in the request's language and never
cached. CSRF failures are Django's ``CsrfViewMiddleware`` answered by
``dateline.error_pages.csrf_failure`` (JSON for the widgets too).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy


def wants_json(request: HttpRequest) -> bool:
    """True when the request comes from the page's script (it asks for JSON), not a plain form."""
    return "application/json" in request.headers.get("Accept", "")


def error_json(code: str, message, status: int, retry_after: int | None = None, **extra) -> JsonResponse:
    """Return ``{"error": {"code": code, "message": message, **extra}}`` with HTTP ``status``, never cached.

    ``message`` is shown to the reader: pass it in the request's language. ``retry_after``
    (seconds) becomes a ``Retry-After`` header (RFC 9110, for 429 answers).
    """
    response = JsonResponse({"error": {"code": code, "message": str(message), **extra}}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class Refusal(Exception):
    """A reader request that is refused; nothing was stored.

    ``code`` is a stable machine-readable name, ``status`` the HTTP status to answer
    with, ``message`` a (lazily translated) sentence for the reader, ``retry_after``
    the seconds to wait (429), ``extra`` more JSON fields of the error (e.g. a new
    form nonce). Subclasses set ``code``, ``status`` and ``message`` as class
    attributes; each may be overridden per instance.
    """

    code = "refused"
    status = 400
    message = gettext_lazy("Your request could not be accepted.")

    def __init__(
        self,
        message=None,
        *,
        code: str | None = None,
        status: int | None = None,
        retry_after: int | None = None,
        **extra,
    ):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.retry_after = retry_after
        self.extra = extra
        super().__init__(self.code)

    def get_message(self) -> str:
        """Return the message for the reader, in the active language."""
        return str(self.message)


def refusal_response(request: HttpRequest, refusal: Refusal, html: Callable[[str, int], HttpResponse]) -> HttpResponse:
    """Answer ``refusal``: JSON (``error_json``) when the page's script asks, else ``html(message, status)``.

    ``html`` renders the endpoint's own page with the message shown and the given
    HTTP status. Either answer carries ``Retry-After`` when the refusal has one and
    is never cached.
    """
    message = refusal.get_message()
    if wants_json(request):
        return error_json(refusal.code, message, refusal.status, refusal.retry_after, **refusal.extra)
    response = html(message, refusal.status)
    if refusal.retry_after:
        response["Retry-After"] = str(refusal.retry_after)
    add_never_cache_headers(response)
    return response
