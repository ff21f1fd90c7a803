"""The rating endpoint: a small uncached page for readers without JavaScript, and JSON for the widget.

``GET /<lang>/-/ratings/<page_id>/?stars=N`` shows the confirmation form (with a CSRF
token; sets the reader cookie). ``POST`` to the same URL votes: with
``Accept: application/json`` it answers JSON, otherwise it redirects back to the
article (303). CSRF is Django's ``CsrfViewMiddleware``; its failure view
(``dateline.error_pages.csrf_failure``) answers in the reader's language, as
JSON for the widget.
"""

from __future__ import annotations

from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext

from dateline.news.articles import live_article
from dateline.news.models import EditionPage
from dateline.readers.responses import refusal_response, wants_json
from dateline.readers.tokens import client_ip, ensure_reader_id, get_reader_id, hashed

from . import actions
from .forms import STAR_CHOICES, VoteForm
from .models import MAX_STARS
from .reader_state import reader_vote
from .summary import figures_of, summarize


def _refuse(request, article, refusal: actions.VoteError):
    """Answer a refused vote: JSON for the widget, else the rating page with the message."""
    return refusal_response(
        request, refusal, lambda message, status: _render_rate_page(request, article, error=message, status=status)
    )


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
            return _refuse(request, None, actions.UnknownArticle())
        return _render_rate_page(request, article, chosen=VoteForm.chosen(request.GET.get("stars", "")))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if article is None:
        return _refuse(request, None, actions.UnknownArticle())
    user = request.user if request.user.is_authenticated else None
    try:
        outcome = actions.cast_vote(
            article_id=article.pk,
            stars=request.POST.get("stars", ""),
            user=user,
            reader_id=None if user else get_reader_id(request),
            ip_hash=hashed(client_ip(request), "dateline.ratings.ip"),
        )
    except actions.VoteError as refusal:
        return _refuse(request, article, refusal)
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
