"""Rules of a vote, at the level of ``actions`` (no HTTP): value, identity, one vote, the IP cap."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from dateline.ratings import actions
from dateline.ratings.models import ArticleRating, Vote
from dateline.ratings.summary import figures_of

READER_A = "a" * 32
READER_B = "b" * 32


def vote(article, stars, reader_id=READER_A, ip_hash="ip-1", user=None):
    return actions.cast_vote(article_id=article.pk, stars=stars, user=user, reader_id=reader_id, ip_hash=ip_hash)


def test_first_vote_counts_once(en_article):
    outcome = vote(en_article, 4)
    assert outcome.created and outcome.value == 4
    assert (outcome.vote_count, outcome.vote_sum) == (1, 4)
    assert figures_of(en_article.pk) == (1, 4)
    assert Vote.objects.get().reader_id == READER_A


def test_value_outside_one_to_five_is_refused_and_nothing_stored(en_article):
    for stars in [0, 6, -1, "0", "6", "", "abc", "4.5", "4.0", " ", None, True, "٤", 4.0]:
        with pytest.raises(actions.InvalidStars):
            vote(en_article, stars)
    assert Vote.objects.count() == 0
    assert figures_of(en_article.pk) == (0, 0)


def test_double_vote_changes_the_vote_never_adds_one(en_article):
    vote(en_article, 5)
    second = vote(en_article, 2)
    assert not second.created and second.changed
    assert Vote.objects.get().value == 2
    assert figures_of(en_article.pk) == (1, 2)


def test_same_vote_again_changes_nothing(en_article):
    vote(en_article, 3)
    again = vote(en_article, 3)
    assert not again.created and not again.changed
    assert figures_of(en_article.pk) == (1, 3)


def test_two_readers_make_two_votes(en_article):
    vote(en_article, 5, reader_id=READER_A)
    vote(en_article, 2, reader_id=READER_B)
    rating = ArticleRating.objects.get(pk=en_article.pk)
    assert (rating.vote_count, rating.vote_sum) == (2, 7)
    assert str(rating.average) == "3.5"


def test_unknown_article_is_refused(demo):
    with pytest.raises(actions.UnknownArticle):
        actions.cast_vote(article_id=999_999, stars=4, reader_id=READER_A, ip_hash="ip")
    assert Vote.objects.count() == 0


def test_unpublished_article_is_refused(en_article):
    en_article.unpublish()
    with pytest.raises(actions.UnknownArticle):
        vote(en_article, 4)
    assert Vote.objects.count() == 0


def test_anonymous_vote_without_reader_token_is_refused(en_article):
    with pytest.raises(actions.MissingReaderToken):
        vote(en_article, 4, reader_id=None)
    assert Vote.objects.count() == 0


def test_signed_in_reader_votes_by_account(en_article):
    user = get_user_model().objects.create_user("reader", password="x")
    vote(en_article, 4, reader_id=None, user=user)
    vote(en_article, 1, reader_id=READER_B, user=user)  # another browser, same account
    stored = Vote.objects.get()
    assert (stored.user, stored.reader_id, stored.value) == (user, None, 1)
    assert figures_of(en_article.pk) == (1, 1)


def test_ip_cap_limits_new_votes_per_article_per_day(en_article, ru_article, settings):
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 2
    vote(en_article, 4, reader_id="1" * 32)
    vote(en_article, 4, reader_id="2" * 32)
    with pytest.raises(actions.TooManyVotes) as refused:
        vote(en_article, 4, reader_id="3" * 32)  # a cleared cookie, same address
    assert 0 < refused.value.retry_after <= 24 * 3600 + 1
    assert figures_of(en_article.pk) == (2, 8)
    vote(en_article, 1, reader_id="1" * 32)  # changing a vote is not a new one
    vote(en_article, 5, reader_id="3" * 32, ip_hash="ip-2")  # another address
    vote(ru_article, 5, reader_id="3" * 32)  # another article
    assert figures_of(en_article.pk) == (3, 10)


def test_ip_cap_of_zero_is_off(en_article, settings):
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 0
    for n in range(5):
        vote(en_article, 3, reader_id=f"{n:032d}")
    assert figures_of(en_article.pk) == (5, 15)


def test_delete_vote_takes_it_out_of_the_figures(en_article):
    vote(en_article, 5, reader_id=READER_A)
    vote(en_article, 2, reader_id=READER_B)
    actions.delete_vote(Vote.objects.get(reader_id=READER_A).pk)
    assert figures_of(en_article.pk) == (1, 2)
    with pytest.raises(Vote.DoesNotExist):
        actions.delete_vote(123456)


def test_database_refuses_a_value_outside_one_to_five(en_article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(article=en_article, reader_id=READER_A, value=6)


def test_database_refuses_a_second_vote_of_one_reader(en_article):
    Vote.objects.create(article=en_article, reader_id=READER_A, value=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(article=en_article, reader_id=READER_A, value=4)


def test_deleting_the_user_keeps_the_vote_and_the_figures(en_article):
    user = get_user_model().objects.create_user("leaving", password="x")
    vote(en_article, 4, reader_id=None, user=user)
    user.delete()
    assert Vote.objects.get().user is None
    assert figures_of(en_article.pk) == (1, 4)


def test_embargoed_article_is_refused(en_article):
    from datetime import timedelta

    from django.utils import timezone

    type(en_article).objects.filter(pk=en_article.pk).update(embargo=timezone.now() + timedelta(hours=1))
    with pytest.raises(actions.UnknownArticle):
        vote(en_article, 4)
    assert Vote.objects.count() == 0
