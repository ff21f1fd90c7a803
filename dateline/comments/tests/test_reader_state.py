"""The reader's own comment state: pending comments for their author only, count, open, a fresh nonce."""

from django.test import Client

from dateline.comments import actions
from dateline.comments.models import CommentState, ReaderComment

from .conftest import post_json


def state(client, article):
    language = article.locale.language_code
    response = client.get(f"/{language}/-/reader/state/{article.pk}/")
    assert response.status_code == 200
    return response.json()["comments"]


def test_the_author_sees_their_pending_comment_and_nobody_else_does(client, en_article):
    state(client, en_article)  # the page's state request sets the reader cookie first
    post_json(client, en_article, body="Mine, <b>not yet</b> approved")
    mine = state(client, en_article)
    assert [c["body"] for c in mine["pending"]] == ["Mine, <b>not yet</b> approved"]  # plain text, as sent
    assert mine["pending"][0]["state"] == "pending"
    assert "email" not in mine["pending"][0]
    assert mine["count"] == 0
    assert mine["open"] is True
    assert mine["nonce"]
    other = Client()
    assert state(other, en_article)["pending"] == []


def test_approved_comment_leaves_pending_and_counts(client, en_article):
    state(client, en_article)
    post_json(client, en_article)
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    mine = state(client, en_article)
    assert mine["pending"] == []
    assert [c["name"] for c in mine["recent"]] == ["Anna Petrova"]  # a cached page may not show it yet
    assert mine["count"] == 1
    assert mine["countLabel"] == "1 comment"


def test_russian_count_label_and_closed_flag(client, ru_article):
    state(client, ru_article)
    for n in range(2):
        post_json(client, ru_article, body=f"Комментарий номер {n}")
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    actions.set_comments_closed(ru_article, True)
    mine = state(client, ru_article)
    assert mine["countLabel"] == "2 комментария"
    assert mine["open"] is False


def test_each_state_request_gives_a_new_nonce(client, en_article):
    assert state(client, en_article)["nonce"] != state(client, en_article)["nonce"]
