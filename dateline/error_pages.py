"""The site's error pages (400, 403, 404, 500) in the language of the request.

Django's own pages are English only ("Not Found", "Bad Request (400)"), also on
``/ru/``. These answer in the active language (the URL's prefix, set by
``LocaleMiddleware``); 400, 403 and 404 inside the chrome of that language's
edition. ``dateline/urls.py`` names them as ``handler400`` ... ``handler500``.
"""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language, gettext_lazy

from dateline.news.models import EditionPage
from dateline.readers.responses import error_json, wants_json

HOME = gettext_lazy("Go to the home page")
PAGES = {
    400: (
        gettext_lazy("Bad request"),
        gettext_lazy("The site could not understand this request. Go back, reload the page and try again."),
    ),
    403: (
        gettext_lazy("Access denied"),
        gettext_lazy("You are not allowed to open this page."),
    ),
    "csrf": (
        gettext_lazy("The form has expired"),
        gettext_lazy(
            "This form has expired or was sent from another site. Go back, reload the page and send it again."
        ),
    ),
    404: (
        gettext_lazy("Page not found"),
        gettext_lazy("There is no such page on this site. It may have been moved or removed."),
    ),
    500: (
        gettext_lazy("Server error"),
        gettext_lazy("Something went wrong on our side. Reload the page in a few minutes."),
    ),
}


CODES = {400: "bad_request", 403: "forbidden", "csrf": "csrf_failed", 404: "not_found"}


def _edition_page(request, status: int, kind: int | str | None = None):
    """Render ``error_page.html`` with HTTP ``status`` inside the current language's edition.

    ``kind`` picks the text (default: ``status``). A script asking for JSON (the reader
    widgets) gets ``{"error": {"code", "message"}}`` instead, as from the reader endpoints.
    """
    kind = kind or status
    title, message = PAGES[kind]
    if wants_json(request):
        return error_json(CODES[kind], message, status)
    edition = EditionPage.objects.live().filter(locale__language_code=get_language()).first()
    context = {
        "edition": edition,
        "error_title": title,
        "error_message": message,
        "home_label": HOME,
        "not_found": status == 404,  # the 404 page offers the search and the latest news
    }
    return render(request, "error_page.html", context, status=status)


def bad_request(request, exception=None):
    """Django's ``handler400``: return the 400 page (e.g. a request body over Django's size limits)."""
    return _edition_page(request, 400)


def permission_denied(request, exception=None):
    """Django's ``handler403``: return the 403 page."""
    return _edition_page(request, 403)


def csrf_failure(request, reason: str = ""):
    """Django's ``CSRF_FAILURE_VIEW``: a 403 that tells the reader to reload the form (``reason`` is for logs)."""
    return _edition_page(request, 403, "csrf")


def page_not_found(request, exception=None):
    """Django's ``handler404``: return the 404 page (unknown URL, page or article, bad page number)."""
    return _edition_page(request, 404)


def server_error(request):
    """Django's ``handler500``: return the 500 page, rendered without the database (it may be what failed).

    A script asking for JSON (the reader widgets) or the API gets ``{"error": {"code": "server_error", ...}}``.
    """
    title, message = PAGES[500]
    if wants_json(request) or request.path.startswith("/api/"):
        return error_json("server_error", message, 500)
    context = {"error_title": title, "error_message": message, "home_label": HOME, "language": get_language()}
    return HttpResponseServerError(loader.render_to_string("500.html", context))
