"""A reply link or form naming no comment is a 400 with its message (JSON for scripts), never a 500:
"²" and "٣" are digits to ``str.isdigit`` but no comment id, and an id beyond 64 bits names nothing."""

import pytest

from dateline.comments.models import ReaderComment

from .conftest import post_json

BAD_PARENTS = ["²", "٣", "12²", "99999999999999999999999", "-1", "abc", "0"]


@pytest.mark.parametrize("parent", BAD_PARENTS)
def test_reply_form_to_no_comment_is_a_400_page(client, en_article, parent):
    response = client.get(f"/en/-/comments/{en_article.pk}/new/", {"parent": parent})
    assert response.status_code == 400
    assert "The comment you are replying to is not available." in response.content.decode()


@pytest.mark.parametrize("parent", ["²", "99999999999999999999999"])
def test_reply_form_to_no_comment_is_json_for_scripts(client, ru_article, parent):
    response = client.get(f"/ru/-/comments/{ru_article.pk}/new/", {"parent": parent}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_parent"
    assert response.json()["error"]["message"] == "Комментарий, на который вы отвечаете, недоступен."


@pytest.mark.parametrize("parent", ["²", "99999999999999999999999"])
def test_a_posted_reply_to_no_comment_is_a_400_in_json(client, en_article, parent):
    response = post_json(client, en_article, body="A reply", parent=parent)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not ReaderComment.objects.exists()
