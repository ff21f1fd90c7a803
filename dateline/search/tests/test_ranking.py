"""Ranked results on SQLite come from one full-text query, best first, whatever the number of matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import on, publish_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the ranking override of the SQLite backend"),
]


@pytest.fixture
def gallery(en_article):
    section = en_article.get_parent()
    pages = {
        "once": publish_article(section, "Harbour report", "A quiet walrus day at the harbour.", on("2026-03-01")),
        "thrice": publish_article(
            section, "Walrus walrus walrus", "The walrus came back, walrus after walrus.", on("2026-03-02")
        ),
        "none": publish_article(section, "Market report", "Prices held steady.", on("2026-03-03")),
    }
    for n in range(12):
        publish_article(section, f"Walrus note {n}", "A walrus was seen.", on("2026-02-01", n))
    return pages


def ranked(query, start=0, stop=5):
    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    backend = backend_for_language("en")
    return list(backend.search(query, ArticlePage.objects.visible(), order_by_relevance=True)[start:stop])


def test_the_order_is_wagtails_own_ranking_and_non_matches_never_come(gallery):
    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    results = ranked("walrus", 0, 20)
    # Unsliced, the results come from Wagtail's own query (a score subquery per row)
    wagtails = list(backend_for_language("en").search("walrus", ArticlePage.objects.visible(), order_by_relevance=True))
    assert [page.pk for page in results] == [page.pk for page in wagtails]
    assert gallery["none"].pk not in {page.pk for page in results}
    assert len(results) == 14  # twelve notes, the harbour report and the walrus story


def test_pages_of_results_do_not_overlap(gallery):
    first, second = ranked("walrus", 0, 7), ranked("walrus", 7, 14)
    assert not {page.pk for page in first} & {page.pk for page in second}
    assert len(first) + len(second) == 14


def test_the_full_text_match_runs_once_however_many_match(gallery):
    from dateline.news.visibility import hidden_subtrees

    hidden_subtrees()  # cached, as on a running site
    with CaptureQueriesContext(connection) as queries:
        ranked("walrus", 0, 5)
    matching = [q["sql"] for q in queries.captured_queries if " MATCH " in q["sql"]]
    assert len(matching) == 1 and matching[0].count(" MATCH ") == 1
    # the candidates' index entries, the ranking within those entries' ids, the five pages by id
    assert len(queries) == 3


def test_candidates_far_apart_are_ranked_among_every_match(gallery):
    from dateline.news.models import ArticlePage
    from dateline.search import backend as search_backend

    search_backend.RANGES_SPAN, span = 0, search_backend.RANGES_SPAN  # no candidates are close enough
    try:
        with CaptureQueriesContext(connection) as queries:
            results = ranked("walrus", 0, 20)
    finally:
        search_backend.RANGES_SPAN = span
    assert [page.pk for page in results] == [page.pk for page in ranked("walrus", 0, 20)]
    assert not [q for q in queries.captured_queries if 'rowid" >= ' in q["sql"]]
    assert len(results) == 14
    assert all(isinstance(page, ArticlePage) for page in results)


def test_candidates_outside_the_queryset_are_not_returned(gallery):
    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    only = ArticlePage.objects.filter(pk=gallery["once"].pk)
    results = list(backend_for_language("en").search("walrus", only, order_by_relevance=True)[:5])
    assert [page.pk for page in results] == [gallery["once"].pk]
