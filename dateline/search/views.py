"""The search page of each edition: /en/search/, /ru/search/."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, override
from wagtail.models import Page

from dateline.news.models import ArticlePage, EditionPage, SectionPage, with_public_cache
from dateline.news.text import html_to_text

from .backend import backend_for_language, newest_matches
from .forms import ORDER_NEWEST, SearchForm
from .highlight import highlight, snippet
from .queries import clean_query, query_terms

#: Results shown on one page.
RESULTS_PER_PAGE = 10
#: A search looks at the newest matching articles only, at most this many (articles): ranking or
#: counting every match of a word found in most articles reads all their index entries (seconds at
#: 100,000 articles on PostgreSQL), while the newest matches come from the publish-time index in a
#: few milliseconds. The page says when there are more; the date and section filters reach older ones.
MATCHES_LIMIT = 200


@dataclass
class SearchResult:
    """One found article, with its headline and a text snippet highlighted (safe HTML)."""

    article: ArticlePage
    section: SectionPage | None
    title: SafeString
    snippet: SafeString


def _day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of ``day`` in the agency's time zone (``DATELINE_TIME_ZONE``)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(settings.DATELINE_TIME_ZONE))


def _other_edition_search_link(edition: EditionPage, query: str) -> tuple[str, str, str] | None:
    """(language code, language name, URL) of the other edition's search page for the same query
    (the live editions, kept until the page tree changes: ``EditionPage.live_editions``)."""
    other = EditionPage.other_live_edition(edition.locale_id)
    if other is None:
        return None
    code = other.locale.language_code
    with override(code):
        url = reverse("search:search")
    if query:
        url += "?" + urlencode({"q": query})
    return code, dict(settings.LANGUAGES).get(code, code), url


def search_page(request: HttpRequest) -> HttpResponse:
    """Render the search page of the edition of the URL's language.

    Reads ``q`` (at most ``MAX_QUERY_LENGTH`` characters are used), ``section`` (a section
    slug of this edition), ``date_from``/``date_to`` (YYYY-MM-DD, days in the agency's time
    zone, both inclusive), ``order`` (``relevance`` or ``newest``) and ``page``. Invalid
    filters are reported on the form and ignored; never an error page for any query.
    Only live articles of this edition are searched, the newest ``MATCHES_LIMIT`` matches at most
    (the page says when there are more). 404 when the edition does not exist.
    """
    language = get_language()
    edition = min(
        (e for e in EditionPage.live_editions() if e.locale.language_code == language),
        key=lambda e: e.path,
        default=None,
    )
    if edition is None:
        raise Http404("No edition in this language.")
    sections = list(edition.sections())
    form = SearchForm(request.GET, sections=[(s.slug, s.title) for s in sections])
    form.is_valid()  # errors are shown; the valid fields are used
    data = form.cleaned_data
    query = clean_query(request.GET.get("q"))
    terms = query_terms(query)

    results_page = None
    more_matches = False
    if terms:
        section = next((s for s in sections if s.slug == data.get("section")), None)
        listing = section if section is not None else edition
        # The edition's own language is checked on the matches found (below), not while walking the
        # newest articles: on the walk it made PostgreSQL read a whole edition through its locale
        # index and sort it (0.37 s for a common Russian word at 10,000 Russian articles; 0.05 s without).
        articles = listing.articles().order_by()
        if data.get("date_from"):
            articles = articles.filter(published_at__gte=_day_start(data["date_from"]))
        if data.get("date_to"):
            articles = articles.filter(published_at__lt=_day_start(data["date_to"] + datetime.timedelta(days=1)))
        backend, words = backend_for_language(language), " ".join(terms)
        newest = newest_matches(
            backend.search(
                words,
                articles.select_related(None).prefetch_related(None).only("pk", "locale_id").order_by("-published_at"),
                operator="and",
                order_by_relevance=False,
            ),
            MATCHES_LIMIT + 1,
            ("locale_id",),
        )
        more_matches = len(newest) > MATCHES_LIMIT
        match_ids = [pk for pk, locale_id in newest[:MATCHES_LIMIT] if locale_id == edition.locale_id]
        articles = articles.filter(locale_id=edition.locale_id, pk__in=match_ids)
        if data.get("order") == ORDER_NEWEST:
            found = articles.order_by("-published_at")
        else:
            found = backend.search(words, articles, operator="and", order_by_relevance=True)
        paginator = Paginator(found, RESULTS_PER_PAGE)
        # Every one of them matches: counting the search again would read every match of its words
        # (0.26 s for a common word at 100,000 articles on SQLite).
        paginator.__dict__["count"] = len(match_ids)
        results_page = paginator.get_page(request.GET.get("page"))
        section_by_path = {s.path: s for s in sections}
        results_page.object_list = [
            SearchResult(
                article=article,
                section=section_by_path.get(article.path[: -Page.steplen]),
                title=highlight(article.title, terms),
                snippet=snippet(" ".join(filter(None, [article.lead, html_to_text(article.body)])), terms),
            )
            for article in results_page.object_list
        ]

    params = {key: clean_query(request.GET.get(key)) for key in form.fields if key != "q" and request.GET.get(key)}
    if query:
        params = {"q": query, **params}
    context = {
        "edition": edition,
        "form": form,
        "query": query,
        "terms": terms,
        "page_obj": results_page,
        "more_matches": more_matches,
        "matches_limit": MATCHES_LIMIT,
        "query_string": urlencode(params),
        "translation_link": _other_edition_search_link(edition, query),
        "hreflang_alternates": [],
    }
    # The same for every reader: shared caches (and the page cache) may keep it.
    return with_public_cache(render(request, "search/search_page.html", context))
