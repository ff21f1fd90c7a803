"""The reader state endpoint: the per-reader part of an otherwise cacheable article page."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from dateline.news.articles import live_article

from .state import collect_state
from .tokens import ensure_reader_id


@require_GET
def reader_state(request, page_id: int):
    """Return the reader's state on a live article as JSON, never cached.

    ``{"csrfToken": ..., "ratings": {...}, "comments": {...}, ...}``; sets the CSRF
    cookie and the signed reader cookie when missing. 404 for an unknown article.
    """
    article = live_article(page_id)
    if article is None:
        raise Http404("No such article.")
    response = JsonResponse({})
    ensure_reader_id(request, response)  # before the providers, which may read the reader id
    payload = {"csrfToken": get_token(request), **collect_state(request, article)}
    response.content = json.dumps(payload, cls=DjangoJSONEncoder).encode()
    add_never_cache_headers(response)
    return response
