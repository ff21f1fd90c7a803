"""Posting a comment: every rule, good and bad input, in both languages (the JSON path of the page's script)."""

import lxml.html
import pytest
from django.test import Client

from dateline.comments import actions
from dateline.comments.models import CommentSettings, CommentState, HeldReason, ModerationMode, ReaderComment
from dateline.comments.nonces import issue_nonce

from .conftest import comment_data, post_json


def comments_section(client, article):
    """Return the parsed comments section of the article page as every reader gets it."""
    response = client.get(article.url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).get_element_by_id("comments")


def set_mode(article, mode, en="", ru=""):
    settings = CommentSettings.for_site(article.get_site())
    settings.moderation_mode = mode
    settings.banned_words_en = en
    settings.banned_words_ru = ru
    settings.save()


def test_comment_is_stored_as_sent_but_normalised_and_waits_for_moderation(client, en_article):
    body = "Line one <b>bold?</b>\r\n\r\n  indented & <script>alert(1)</script>  "
    response = post_json(client, en_article, body=body, name="  Anna  ")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["state"] == "pending"
    assert data["message"] == "Thank you. Your comment will appear after a moderator approves it."
    assert data["nonce"]  # a fresh one for the next comment
    comment = ReaderComment.objects.get()
    assert comment.body == body.replace("\r\n", "\n")  # as sent, line breaks as LF (readers.text.clean_body)
    assert comment.name == "Anna"  # names are one line, trimmed
    assert comment.state == CommentState.PENDING
    assert comment.held_reason == HeldReason.PREMODERATION
    assert comment.language == "en"
    section = comments_section(client, en_article)
    assert section.xpath(".//li[@data-comment-id]") == []  # pending: not on the public page


def test_approved_comment_shows_escaped_with_count(client, en_article):
    post_json(client, en_article, body='<script>alert("x")</script> see https://example.org')
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    section = comments_section(client, en_article)
    items = section.xpath(".//li[@data-comment-id]")
    assert len(items) == 1
    body = items[0].find_class("comment-body")[0]
    assert body.xpath(".//script") == []
    assert body.text_content().strip() == '<script>alert("x")</script> see https://example.org'
    assert [(a.get("href"), a.get("rel")) for a in body.xpath(".//a")] == [("https://example.org", "nofollow ugc")]
    assert section.find_class("comments-count")[0].text_content() == "1 comment"


def test_email_is_never_shown(client, en_article):
    post_json(client, en_article, email="secret.reader@example.org")
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    assert b"secret.reader" not in client.get(en_article.url).content
    state = client.get(f"/en/-/reader/state/{en_article.pk}/").content
    assert b"secret.reader" not in state


def test_address_is_stored_hashed(client, en_article):
    post_json(client, en_article, REMOTE_ADDR="203.0.113.7")
    comment = ReaderComment.objects.get()
    assert "203.0.113.7" not in comment.ip_hash
    assert len(comment.ip_hash) == 64


BAD_INPUT = [
    ({"body": ""}, "body", "Please write your comment."),
    ({"body": " \r\n\t "}, "body", "Please write your comment."),
    ({"body": "x"}, "body", "The comment is too short: write at least 2 characters."),
    ({"body": "x" * 5001}, "body", "The comment is too long (5,001 characters); at most 5,000 are allowed."),
    ({"body": "y" * 10000}, "body", "The comment is too long (10,000 characters); at most 5,000 are allowed."),
    ({"name": ""}, "name", "Please give your name."),
    ({"name": "   "}, "name", "Please give your name."),
    ({"name": "n" * 81}, "name", "The name can have at most 80 characters."),
    ({"email": "not-an-address"}, "email", "This e-mail address does not look right."),
    ({"body": "nul\x00char"}, "body", "The comment contains a character that cannot be stored."),
    # nothing visible: zero-width characters, BOM, word joiner, Hangul filler, Mongolian vowel separator
    *(
        ({"name": invisible}, "name", "The name has no visible letters: it is made of spaces or invisible characters.")
        for invisible in ["\u200b", "\ufeff\u2060", "\u3164", "\u180e\u200c\u200d", "\u2800 \u00ad"]
    ),
    *(
        ({"body": invisible}, "body", "The comment has no visible text: it is made of spaces or invisible characters.")
        for invisible in ["\u200b\u200b", "\ufeff\u2060\u3164", "\u180e\u200c\u200d", "\u3164\n\u3164"]
    ),
    ({"body": "😀" * 5000 + "!"}, "body", "The comment is too long (5,001 characters); at most 5,000 are allowed."),
]


def test_bad_input_is_refused_with_a_clear_message(client, en_article):
    for overrides, field, message in BAD_INPUT:  # one article load for all cases (keeps the suite fast)
        response = post_json(client, en_article, **overrides)
        assert response.status_code == 400, overrides
        error = response.json()["error"]
        assert error["code"] == "invalid", overrides
        assert error["fields"][field] == [message], overrides
        assert error["message"] == message, overrides
    assert not ReaderComment.objects.exists()


def test_exactly_5000_characters_are_accepted_counting_line_breaks_as_one(client, en_article):
    body = ("x" * 99 + "\r\n") * 50  # 5 000 characters as the browser counts them
    assert post_json(client, en_article, body=body).status_code == 201
    assert ReaderComment.objects.get().body == body.replace("\r\n", "\n")


def test_5000_emoji_are_5000_characters(client, en_article):
    body = "x" * 4999 + "😀"  # 5 001 UTF-16 units, 5 000 characters
    assert post_json(client, en_article, body=body).status_code == 201
    assert ReaderComment.objects.get().body == body


def test_control_characters_and_overrides_are_not_stored(client, en_article):
    body = "red \x1b[31mtext\x07\u202e\tok\r\nnext"
    response = post_json(client, en_article, name="Анна\u202e Петрова\x1b", body=body)
    assert response.status_code == 201, response.content
    comment = ReaderComment.objects.get()
    assert comment.name == "Анна Петрова"
    assert comment.body == "red [31mtext\tok\nnext"


def test_invisible_name_is_refused_in_russian(client, ru_article):
    response = post_json(client, ru_article, name="\u200b\u3164")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "В имени нет видимых букв: оно состоит из пробелов или невидимых символов."
    )


def test_messages_come_in_russian_on_the_russian_edition(client, ru_article):
    response = post_json(client, ru_article, body="y" * 10000)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Комментарий слишком длинный (символов: 10\xa0000); допускается не более 5\xa0000."
    )
    response = post_json(client, ru_article, body="Хорошая статья")
    assert response.json()["message"] == "Спасибо! Комментарий появится после проверки модератором."
    assert ReaderComment.objects.get().language == "ru"


def test_unknown_article_is_404(client, demo):
    response = client.post("/en/-/comments/999999/new/", {"name": "A", "body": "Hello"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_article"
    assert client.get("/en/-/comments/999999/new/").status_code == 404


def test_unpublished_article_is_404(client, en_article):
    en_article.unpublish()
    assert post_json(client, en_article).status_code == 404
    assert not ReaderComment.objects.exists()


def test_closed_comments_refuse_new_ones(client, en_article):
    post_json(client, en_article)
    actions.set_comments_closed(en_article, True)
    response = post_json(client, en_article, body="Another one")
    assert response.status_code == 403
    assert response.json()["error"] == {"code": "closed", "message": "Comments are closed on this article."}
    assert ReaderComment.objects.count() == 1  # what was stored stays
    section = comments_section(client, en_article)
    assert section.xpath(".//form") == []
    assert section.find_class("comments-closed")[0].text_content() == "Comments are closed on this article."
    actions.set_comments_closed(en_article, False)
    assert post_json(client, en_article, body="Open again").status_code == 201


def test_honeypot_refuses_bots(client, en_article):
    response = post_json(client, en_article, website="http://spam.example")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "honeypot"
    assert "field meant to stay empty" in error["message"]
    assert not ReaderComment.objects.exists()


def test_replayed_form_is_refused_and_not_stored_twice(client, en_article):
    data = comment_data(en_article)
    first = client.post(f"/en/-/comments/{en_article.pk}/new/", data, HTTP_ACCEPT="application/json")
    assert first.status_code == 201
    replay = client.post(
        f"/en/-/comments/{en_article.pk}/new/", {**data, "body": "changed"}, HTTP_ACCEPT="application/json"
    )
    assert replay.status_code == 409
    assert replay.json()["error"]["code"] == "replayed"
    assert replay.json()["error"]["message"] == "This form was already sent. Your comment was not added twice."
    assert ReaderComment.objects.count() == 1


def test_missing_or_forged_nonce_is_refused(client, en_article):
    for nonce in ["", "forged:token:xyz", "garbage", issue_nonce(en_article.pk)[:-2] + "xx"]:
        response = post_json(client, en_article, nonce=nonce)
        assert response.status_code == 400, nonce
        assert response.json()["error"]["code"] == "form_expired"
        assert response.json()["error"]["nonce"]  # the page can resend with a fresh token
    assert not ReaderComment.objects.exists()


def test_nonce_of_another_article_is_refused(client, en_article, ru_article):
    response = post_json(client, en_article, nonce=issue_nonce(ru_article.pk))
    assert response.status_code == 400
    assert not ReaderComment.objects.exists()


def test_expired_nonce_is_refused(client, en_article, settings):
    nonce = issue_nonce(en_article.pk)
    settings.DATELINE_COMMENTS_FORM_MAX_AGE = -1
    assert post_json(client, en_article, nonce=nonce).status_code == 400


def test_same_text_twice_from_the_same_reader_is_a_duplicate(client, en_article):
    assert post_json(client, en_article, body="Same words").status_code == 201
    response = post_json(client, en_article, body="Same words")  # a new nonce, the same text
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "duplicate"
    assert ReaderComment.objects.count() == 1


def test_rate_limit_per_address(client, en_article):
    for n in range(5):
        assert post_json(client, en_article, body=f"Comment number {n}").status_code == 201
    response = post_json(client, en_article, body="One too many")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "rate_limited"
    assert response.json()["error"]["message"].startswith("You have sent too many comments.")
    other_address = post_json(client, en_article, body="From elsewhere", REMOTE_ADDR="198.51.100.9")
    assert other_address.status_code == 201
    assert ReaderComment.objects.count() == 6


def test_rate_limit_message_in_russian(client, ru_article, settings):
    settings.DATELINE_COMMENTS_RATE_LIMIT = 1
    post_json(client, ru_article, body="Первый")
    response = post_json(client, ru_article, body="Второй")
    assert response.status_code == 429
    minutes = -(-int(response["Retry-After"]) // 60)
    unit = "минуту" if minutes % 10 == 1 and minutes != 11 else "минуты" if 2 <= minutes % 10 <= 4 else "минут"
    if 11 <= minutes % 100 <= 14:
        unit = "минут"
    assert response.json()["error"]["message"] == (
        f"Вы отправили слишком много комментариев. Попробуйте снова через {minutes} {unit}."
    )


def test_post_moderation_publishes_at_once(client, en_article):
    set_mode(en_article, ModerationMode.POST)
    response = post_json(client, en_article)
    assert response.json()["state"] == "approved"
    assert response.json()["message"] == "Thank you. Your comment is published."
    assert len(comments_section(client, en_article).xpath(".//li[@data-comment-id]")) == 1


def test_banned_word_goes_to_the_queue_even_in_post_moderation(client, en_article, ru_article):
    set_mode(en_article, ModerationMode.POST, en="scam", ru="мошенник")
    assert post_json(client, en_article, body="What a SCAM!").json()["state"] == "pending"
    assert post_json(client, ru_article, body="Он мошенник.").json()["state"] == "pending"
    assert post_json(client, ru_article, body="Честные слова").json()["state"] == "approved"
    held = ReaderComment.objects.filter(held_reason=HeldReason.BANNED_WORD)
    assert held.count() == 2


def test_reply_to_a_reply_attaches_to_the_top_level_comment(client, en_article):
    post_json(client, en_article, body="Top level")
    top = ReaderComment.objects.get()
    actions.moderate([top], CommentState.APPROVED)
    post_json(client, en_article, body="First reply", parent=str(top.pk))
    reply = ReaderComment.objects.get(body="First reply")
    assert reply.parent_id == top.pk
    actions.moderate([reply], CommentState.APPROVED)
    post_json(client, en_article, body="Reply to the reply", parent=str(reply.pk))
    assert ReaderComment.objects.get(body="Reply to the reply").parent_id == top.pk
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    section = comments_section(client, en_article)
    replies = section.xpath(f'.//ol[@data-replies-of="{top.pk}"]/li')
    assert len(replies) == 2
    assert section.xpath(".//ol[@class='comment-replies']//ol[@class='comment-replies']/li") == []  # one level
    assert section.find_class("comments-count")[0].text_content() == "3 comments"


@pytest.mark.parametrize("parent_state", [CommentState.PENDING, CommentState.REJECTED])
def test_reply_to_a_hidden_comment_is_refused(client, en_article, parent_state):
    post_json(client, en_article, body="Top level")
    top = ReaderComment.objects.get()
    actions.moderate([top], parent_state)
    response = post_json(client, en_article, body="Reply", parent=str(top.pk))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_parent"


def test_reply_to_a_comment_of_another_article_is_refused(client, en_article, ru_article):
    post_json(client, ru_article, body="На другой статье")
    other = ReaderComment.objects.get()
    actions.moderate([other], CommentState.APPROVED)
    response = post_json(client, en_article, body="Reply", parent=str(other.pk))
    assert response.status_code == 400
    assert ReaderComment.objects.count() == 1


def test_csrf_stays_on(en_article):
    client = Client(enforce_csrf_checks=True)
    response = post_json(client, en_article)
    assert response.status_code == 403
    assert not ReaderComment.objects.exists()
    token = client.get(f"/en/-/reader/state/{en_article.pk}/").json()["csrfToken"]
    response = client.post(
        f"/en/-/comments/{en_article.pk}/new/",
        comment_data(en_article),
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201


def test_article_page_stays_the_same_for_every_reader(client, en_article):
    post_json(client, en_article)
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    response = client.get(en_article.url)
    assert response.cookies == {}
    assert "public" in response["Cache-Control"]
    assert b"csrfmiddlewaretoken" not in response.content
    assert Client().get(en_article.url).content == response.content
