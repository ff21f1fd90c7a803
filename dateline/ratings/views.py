"""The rating endpoint: a small uncached page for readers without JavaScript, and JSON for the widget.

``GET /<lang>/-/ratings/<page_id>/?stars=N`` shows the confirmation form (with a CSRF
token; sets the reader cookie). ``POST`` to the same URL votes: with
``Accept: application/json`` it answers JSON, otherwise it redirects back to the
article (303). CSRF protection stays on: the check is Django's own
``CsrfViewMiddleware``, run here so that a failure can be answered in the
reader's language and, for the widget, as JSON.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from dateline.news.articles import live_article
from dateline.news.models import EditionPage
from dateline.readers.responses import error_json, wants_json
from dateline.readers.tokens import client_ip, ensure_reader_id, get_reader_id, hashed

from . import actions
from .models import MAX_STARS, MIN_STARS
from .reader_state import reader_vote
from .summary import figures_of, summarize

CSRF_MESSAGE = gettext_lazy("This form has expired or was sent from another site. Reload the page and vote again.")
STAR_CHOICES = range(MIN_STARS, MAX_STARS + 1)


def _csrf_rejection(request) -> HttpResponse | None:
    """Run Django's CSRF check on ``request``; return its 403 response on failure, else ``None``."""
    return CsrfViewMiddleware(lambda req: HttpResponse()).process_view(request, None, (), {})


def _error_response(request, article, code: str, message: str, status: int, retry_after: int | None = None):
    if wants_json(request):
        return error_json(code, message, status, retry_after)
    response = _render_rate_page(request, article, error=str(message), status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def _render_rate_page(request, article, *, error: str = "", status: int = 200, chosen=None):
    context = {"article": article, "error": error, "star_choices": STAR_CHOICES, "chosen": chosen}
    if article is not None:
        count, total = figures_of(article.pk)
        context["rating"] = summarize(count, total, reader_vote(request, article.pk))
        context["edition"] = article.edition
    else:
        context["edition"] = EditionPage.objects.live().filter(locale__language_code=get_language()).first()
    response = render(request, "ratings/rate_page.html", context, status=status)
    if article is not None and status < 400:
        ensure_reader_id(request, response)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # checked below with Django's CsrfViewMiddleware, to answer in the reader's language
def rate(request, page_id: int):
    """Show the rating form (GET) or take a vote (POST, field ``stars`` = 1..5).

    JSON success: ``{"ratings": {...summary...}, "message": "..."}``; JSON error:
    ``{"error": {"code", "message"}}`` with 400 (invalid value), 403 (CSRF failure or
    missing reader cookie), 404 (unknown article), 429 (per-IP cap). Without JSON a
    successful vote redirects (303) to the article's ``#rating``.
    """
    article = live_article(page_id)
    if request.method in ("GET", "HEAD"):
        if article is None:
            return _error_response(request, None, actions.UnknownArticle.code, actions.UnknownArticle.message, 404)
        try:
            chosen = actions.parse_stars(request.GET.get("stars", ""))
        except actions.InvalidStars:
            chosen = None
        return _render_rate_page(request, article, chosen=chosen)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if _csrf_rejection(request) is not None:
        return _error_response(request, article, "csrf_failed", CSRF_MESSAGE, 403)
    if article is None:
        return _error_response(request, None, actions.UnknownArticle.code, actions.UnknownArticle.message, 404)
    user = request.user if request.user.is_authenticated else None
    try:
        outcome = actions.cast_vote(
            article_id=article.pk,
            stars=request.POST.get("stars", ""),
            user=user,
            reader_id=None if user else get_reader_id(request),
            ip_hash=hashed(client_ip(request), "dateline.ratings.ip"),
        )
    except actions.VoteError as error:
        return _error_response(request, article, error.code, error.message, error.status, error.retry_after)
    if not wants_json(request):
        return HttpResponseRedirect(f"{article.url}?rated={outcome.value}#rating", status=303)
    if outcome.created:
        message = gettext("Thank you! Your vote: %(value)s of %(max)s.")
    elif outcome.changed:
        message = gettext("Your vote is changed: %(value)s of %(max)s.")
    else:
        message = gettext("Your vote is unchanged: %(value)s of %(max)s.")
    payload = {
        "ratings": summarize(outcome.vote_count, outcome.vote_sum, outcome.value),
        "message": message % {"value": outcome.value, "max": MAX_STARS},
    }
    response = JsonResponse(payload, status=201 if outcome.created else 200)
    add_never_cache_headers(response)
    return response
