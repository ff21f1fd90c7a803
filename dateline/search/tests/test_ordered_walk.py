"""Unranked searches sliced to their first matches walk the queryset's order (``OrderedWalk``): the same
matches as the backend's own search, in the same order, on SQLite and PostgreSQL, for common and rare words."""

import contextlib

import pytest
from django.db import connection

from dateline.search import backend as search_backend
from dateline.search.backend import id_ranges

from .conftest import on, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def herd(en_article):
    """Twenty-four articles, one day apart: every one mentions a walrus, every eighth an otter, none a yeti."""
    section = en_article.get_parent()
    for n in range(24):
        otter = " An otter swam by." if n % 8 == 0 else ""
        publish_article(
            section, f"Harbour day {n}", f"A walrus was seen.{otter}", on(f"2026-02-{1 + n % 28:02d}", n // 28)
        )
    return section


@contextlib.contextmanager
def first_batch(size):
    """Walk ``size`` rows at first (``WALK_BATCH``) inside the block; ``None``: the default."""
    batch = search_backend.WALK_BATCH
    if size:
        search_backend.WALK_BATCH = size
    try:
        yield
    finally:
        search_backend.WALK_BATCH = batch


def unranked_search(query):
    """The backend's unranked search of ``query`` among the visible articles, newest first (lazy)."""
    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    articles = ArticlePage.objects.visible().order_by("-published_at")
    return backend_for_language("en").search(query, articles, order_by_relevance=False)


def newest(query, stop, walk_batch=None):
    with first_batch(walk_batch):
        return [a.pk for a in unranked_search(query)[:stop]]


def own_search(query):
    """Every match in the queryset's order, from the backend's own query (no slice: no walk)."""
    return [a.pk for a in unranked_search(query)]


@pytest.mark.parametrize("walk_batch", [3, None])
@pytest.mark.parametrize("query", ["walrus", "otter", "walrus otter", "yeti"])
def test_the_walk_finds_what_the_backend_finds_in_the_same_order(herd, query, walk_batch):
    everything = own_search(query)
    for stop in (1, 5, 12):
        assert newest(query, stop, walk_batch) == everything[:stop]


@pytest.fixture
def walks(monkeypatch):
    """Record each walk: ``[(stop, fell back to the backend's own search)]``."""
    calls = []
    original = search_backend.OrderedWalk.walk

    def walk(self, config, start, stop, fallback):
        calls.append([stop, False])

        def own_search():
            calls[-1][1] = True
            return fallback()

        return original(self, config, start, stop, own_search)

    monkeypatch.setattr(search_backend.OrderedWalk, "walk", walk)
    return calls


def test_a_common_word_is_answered_from_the_newest_batch(herd, walks, django_assert_max_num_queries):
    walrus = own_search("walrus")
    with django_assert_max_num_queries(6):  # newest ids, which of them match (entries, index), the objects
        assert newest("walrus", 5, walk_batch=8) == walrus[:5]
    assert walks == [[5, False]]


def test_a_rare_word_goes_to_the_backends_own_search(herd, walks, monkeypatch):
    monkeypatch.setattr(search_backend, "WALK_LIMIT", 20)
    otters = newest("otter", 4, walk_batch=3)
    assert walks == [[4, True]]  # 3 walked, at most one found: walking on would pass WALK_LIMIT
    assert otters == own_search("otter")[:4]


def test_id_ranges_split_only_at_gaps_wider_than_the_ids_and_the_least_gap():
    assert id_ranges([], 8) == []
    assert id_ranges([5], 8) == [(5, 5)]
    assert id_ranges([1, 2, 3, 100, 101, 500], 8) == [(1, 500)]  # no gap of MIN_GAP
    assert id_ranges([1, 2, 4, 6, 7], 8, gap=1) == [(1, 7)]  # gaps of 2 < 5 ids: one range
    assert id_ranges([1, 2, 3, 100, 101, 500], 8, gap=10) == [(1, 3), (100, 101), (500, 500)]
    assert id_ranges([1, 2, 3, 100, 101, 500], 2, gap=10) == [(1, 101), (500, 500)]  # the widest gap only
    assert id_ranges([1, 2, 5000, 5001, 20000], 8) == [(1, 2), (5000, 5001), (20000, 20000)]


def newest_rows(query, stop, walk_batch=None):
    """``newest_matches``' rows (pk, locale id) of the newest ``stop`` matches of ``query``."""
    from dateline.search.backend import newest_matches

    with first_batch(walk_batch):
        return newest_matches(unranked_search(query), stop, ("locale_id",))


@pytest.mark.parametrize("walk_batch", [3, None])
@pytest.mark.parametrize("query", ["walrus", "otter", "yeti"])
def test_newest_matches_gives_the_walks_rows_without_building_pages(herd, query, walk_batch, monkeypatch):
    from dateline.news.models import ArticlePage

    expected = own_search(query)
    locale_id = herd.locale_id
    built = []
    original = ArticlePage.from_db.__func__
    monkeypatch.setattr(ArticlePage, "from_db", classmethod(lambda cls, *a: built.append(1) or original(cls, *a)))
    for stop in (1, 5, 12):
        assert newest_rows(query, stop, walk_batch) == [(pk, locale_id) for pk in expected[:stop]]
    if query == "walrus":  # walked (a sparser word falls back to the backend's own search at first)
        assert built == []  # the values come from the walk's own reads


def test_newest_matches_of_sparse_matches_come_from_the_backends_own_search(herd, walks, monkeypatch):
    monkeypatch.setattr(search_backend, "WALK_LIMIT", 20)
    expected = own_search("otter")[:4]
    assert newest_rows("otter", 4, walk_batch=3) == [(pk, herd.locale_id) for pk in expected]
    assert walks == []  # the backend's own search answered at once: the walk that gave up is not walked again


def test_listed_pks_are_read_from_a_top_level_pk_list_only():
    from django.db.models import Q

    from dateline.news.models import ArticlePage
    from dateline.search.backend import listed_pks

    articles = ArticlePage.objects.visible()
    assert sorted(listed_pks(articles.filter(pk__in=[3, 1, 2]))) == [1, 2, 3]
    assert listed_pks(articles.filter(locale_id=1, pk__in=[5])) == [5]
    assert listed_pks(articles) is None
    assert listed_pks(articles.filter(Q(pk__in=[1]) | Q(pk__in=[2]))) is None
    assert listed_pks(articles.exclude(pk__in=[1])) is None
    assert listed_pks(articles.filter(pk__in=ArticlePage.objects.values("pk"))) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL compiler names the entries")
def test_a_ranked_search_of_listed_articles_reads_their_index_entries_only(herd):
    from django.test.utils import CaptureQueriesContext

    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    backend = backend_for_language("en")
    listed = [a.pk for a in unranked_search("otter")] + [a.pk for a in unranked_search("walrus")][:5]
    articles = ArticlePage.objects.visible().filter(pk__in=listed)
    everything = [a.pk for a in backend.search("otter", ArticlePage.objects.visible(), order_by_relevance=True)]
    with CaptureQueriesContext(connection) as queries:
        ranked = [a.pk for a in backend.search("otter", articles, order_by_relevance=True)]
    assert ranked == [pk for pk in everything if pk in listed]
    sql = queries.captured_queries[-1]["sql"]
    assert sql.count('JOIN "wagtailsearch_indexentry"') == 1
    assert '"wagtailsearch_indexentry"."object_id" IN' in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL compiler's own batch check")
@pytest.mark.parametrize("operator", ["and", "or"])
@pytest.mark.parametrize(
    "query",
    [
        "walrus",  # in every text
        "Harbour",  # in every headline
        "harbour otter",  # one in the headline, the other in the text: the concatenation's answer
        "the otter",  # a stop word is left out of the query, as PostgreSQL leaves it
        "the of",  # stop words only: nothing
        "yeti",
        "otter_swam",  # one term, a phrase of two lexemes ('otter' <-> 'swam'): checked on the concatenation
        "day_12 otter",
        "o'tter",
    ],
)
def test_a_batch_is_checked_on_its_entries_with_wagtails_answer(herd, query, operator):
    """The walk's check of a batch (``_entries_matching``, headline and text apart) finds what Wagtail's
    ``(title || body) @@ query`` finds, for phrases and stop words too."""
    import copy

    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    backend = backend_for_language("en")
    articles = ArticlePage.objects.visible().order_by("-published_at")
    compiler = backend.search(query, articles, operator=operator, order_by_relevance=False).query_compiler
    config = compiler.get_config(backend)
    pks = list(articles.values_list("pk", flat=True))
    wagtails = copy.copy(compiler)
    wagtails.queryset = articles.filter(pk__in=pks).order_by()
    expected = set(PostgresSearchQueryCompiler.search(wagtails, config, None, None).values_list("pk", flat=True))
    assert compiler._plain_terms() is not None
    assert compiler.matching_pks(config, pks) == expected
    if query in ("walrus", "Harbour", "harbour otter", "otter_swam"):
        assert expected  # the cases that must find something do
