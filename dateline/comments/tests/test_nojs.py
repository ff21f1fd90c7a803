"""The no-JavaScript path: a small uncached form page with a CSRF token, which redirects back (303)."""

import lxml.html
from django.test import Client

from dateline.comments import actions
from dateline.comments.models import CommentState, ReaderComment


def form_fields(response) -> dict:
    """Return the form's fields (name -> value) of the comment form page, parsed."""
    tree = lxml.html.fromstring(response.content)
    form = tree.xpath("//form[contains(@class, 'comment-form')]")[0]
    return dict(form.form_values()), form


def test_article_links_to_the_form_page(client, en_article):
    tree = lxml.html.fromstring(client.get(en_article.url).content)
    links = tree.xpath("//section[@id='comments']//a[contains(@class, 'button')]/@href")
    assert links == [f"/en/-/comments/{en_article.pk}/new/"]


def test_form_page_posts_and_redirects_back(en_article):
    client = Client(enforce_csrf_checks=True)
    response = client.get(f"/en/-/comments/{en_article.pk}/new/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    values, form = form_fields(response)
    assert values["csrfmiddlewaretoken"] and values["nonce"]
    values.update(name="Ivan", body="Sent without JavaScript")
    response = client.post(form.get("action"), values)
    assert response.status_code == 303
    assert response["Location"] == f"{en_article.url}#comment-pending"
    assert ReaderComment.objects.get().body == "Sent without JavaScript"
    replay = client.post(form.get("action"), values)
    assert replay.status_code == 409
    assert "This form was already sent" in lxml.html.fromstring(replay.content).find_class("comment-error")[0].text
    assert ReaderComment.objects.count() == 1


def test_form_page_keeps_the_text_after_an_error_in_russian(ru_article):
    client = Client()
    values, form = form_fields(client.get(f"/ru/-/comments/{ru_article.pk}/new/"))
    values.update(name="", body="Мой текст не пропадёт")
    response = client.post(form.get("action"), values)
    assert response.status_code == 400
    tree = lxml.html.fromstring(response.content)
    assert tree.find_class("comment-error")[0].text == "Укажите, пожалуйста, ваше имя."
    assert tree.xpath("//textarea[@name='body']")[0].text == "Мой текст не пропадёт"
    assert tree.xpath("//html/@lang") == ["ru"]


def test_reply_form_page_quotes_the_parent(client, en_article):
    values, form = form_fields(client.get(f"/en/-/comments/{en_article.pk}/new/"))
    values.update(name="Anna", body="Top-level comment")
    client.post(form.get("action"), values)
    top = ReaderComment.objects.get()
    actions.moderate([top], CommentState.APPROVED)
    response = client.get(f"/en/-/comments/{en_article.pk}/new/?parent={top.pk}")
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//h1")[0].text_content() == "Reply to Anna"
    values, form = form_fields(response)
    assert values["parent"] == str(top.pk)
    values.update(name="Boris", body="A reply")
    assert client.post(form.get("action"), values).status_code == 303
    assert ReaderComment.objects.get(name="Boris").parent_id == top.pk


def test_form_page_of_closed_comments_says_so(client, ru_article):
    actions.set_comments_closed(ru_article, True)
    tree = lxml.html.fromstring(client.get(f"/ru/-/comments/{ru_article.pk}/new/").content)
    assert tree.xpath("//form[contains(@class, 'comment-form')]") == []
    assert tree.find_class("comments-closed")[0].text == "Комментарии к этой статье закрыты."
