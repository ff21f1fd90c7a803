"""The JSON answers of the reader endpoints (ratings, comments, error reports)."""

from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers


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
