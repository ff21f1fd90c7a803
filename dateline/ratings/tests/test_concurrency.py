"""Concurrent votes on PostgreSQL: none lost, none doubled (run with DATABASE_URL=postgres://...)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from dateline.ratings import actions
from dateline.ratings.models import ArticleRating, Vote

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VOTES = 200
WORKERS = 50  # concurrent connections (PostgreSQL's default max_connections is 100, shared with other runs)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency tests need PostgreSQL: set DATABASE_URL=postgres://...")


def run_concurrently(calls):
    """Run the callables on WORKERS threads, the first WORKERS released at once; return results or exceptions."""
    parties = min(WORKERS, len(calls))
    barrier = threading.Barrier(parties)
    arrivals = iter(range(len(calls)))
    arrivals_lock = threading.Lock()

    def run(call):
        try:
            with arrivals_lock:
                arrival = next(arrivals)
            if arrival < parties:  # the first WORKERS calls start together; the rest follow as threads free up
                try:
                    barrier.wait(timeout=30)
                except threading.BrokenBarrierError:
                    pass
            return call()
        except Exception as error:  # noqa: BLE001 - reported by the test
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(run, calls))


def test_200_concurrent_distinct_votes_are_counted_exactly(live_article, settings):
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 0
    values = [1 + (n * 7) % 5 for n in range(VOTES)]
    calls = [
        (
            lambda n=n, v=v: actions.cast_vote(
                article_id=live_article.pk, stars=v, reader_id=f"{n:032x}", ip_hash=f"ip{n}"
            )
        )
        for n, v in enumerate(values)
    ]
    results = run_concurrently(calls)
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    rating = ArticleRating.objects.get(pk=live_article.pk)
    assert rating.vote_count == VOTES == Vote.objects.filter(article=live_article).count()
    assert rating.vote_sum == sum(values)
    assert str(rating.average) == f"{sum(values) / VOTES:.1f}"


def test_concurrent_votes_of_one_reader_make_one_vote(live_article):
    calls = [
        (lambda v=v: actions.cast_vote(article_id=live_article.pk, stars=v, reader_id="f" * 32, ip_hash="ip"))
        for v in [1, 2, 3, 4, 5] * 8
    ]
    results = run_concurrently(calls)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(1 for r in results if r.created) == 1
    vote = Vote.objects.get(article=live_article)
    rating = ArticleRating.objects.get(pk=live_article.pk)
    assert (rating.vote_count, rating.vote_sum) == (1, vote.value)


def test_concurrent_changes_and_new_votes_keep_the_sum_exact(live_article, settings):
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 0
    for n in range(50):
        actions.cast_vote(article_id=live_article.pk, stars=1, reader_id=f"{n:032x}", ip_hash=f"ip{n}")
    calls = [  # 50 readers change their vote to 5 while 50 new readers vote 3
        (lambda n=n: actions.cast_vote(article_id=live_article.pk, stars=5, reader_id=f"{n:032x}", ip_hash=f"ip{n}"))
        for n in range(50)
    ] + [
        (lambda n=n: actions.cast_vote(article_id=live_article.pk, stars=3, reader_id=f"{n:032x}", ip_hash=f"ip{n}"))
        for n in range(50, 100)
    ]
    results = run_concurrently(calls)
    assert [r for r in results if isinstance(r, Exception)] == []
    rating = ArticleRating.objects.get(pk=live_article.pk)
    assert (rating.vote_count, rating.vote_sum) == (100, 50 * 5 + 50 * 3)


def test_concurrent_new_votes_respect_the_ip_cap_exactly(live_article, settings):
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 20
    calls = [
        (lambda n=n: actions.cast_vote(article_id=live_article.pk, stars=4, reader_id=f"{n:032x}", ip_hash="same-ip"))
        for n in range(60)
    ]
    results = run_concurrently(calls)
    refused = [r for r in results if isinstance(r, actions.TooManyVotes)]
    assert len(refused) == 40
    assert ArticleRating.objects.get(pk=live_article.pk).vote_count == 20 == Vote.objects.count()


@pytest.fixture
def live_article(transactional_db):
    from dateline.news.demo_content import load_demo_content
    from dateline.news.models import ArticlePage

    load_demo_content()
    return ArticlePage.objects.get(locale__language_code="en")
