"""The moderation queue in the Wagtail admin: listing, filters, bulk approve/reject/spam, closing an article."""

import lxml.html
import pytest
from django.urls import reverse

from dateline.comments.models import ArticleCommentStatus, CommentState, ReaderComment

from .conftest import post_json


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def comments(en_article, ru_article):
    from django.test import Client

    post_json(Client(), en_article, body="English one")
    post_json(Client(), en_article, body="English two")
    post_json(Client(), ru_article, body="Русский", name="Ольга")
    return {c.body: c for c in ReaderComment.objects.all()}


def queue_rows(response):
    tree = lxml.html.fromstring(response.content)
    return tree.xpath("//table[contains(@class, 'listing')]/tbody/tr")


def test_queue_lists_and_filters(client, editor, comments, en_article):
    url = reverse("reader_comments:list")
    assert len(queue_rows(client.get(url))) == 3
    assert len(queue_rows(client.get(url, {"article": en_article.pk}))) == 2
    ReaderComment.objects.filter(body="English one").update(state=CommentState.APPROVED)
    assert len(queue_rows(client.get(url, {"state": "pending"}))) == 2
    assert len(queue_rows(client.get(url, {"state": "approved", "article": en_article.pk}))) == 1


def test_queue_needs_a_login(client, comments):
    response = client.get(reverse("reader_comments:list"))
    assert response.status_code == 302


@pytest.mark.parametrize(("action", "state"), [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")])
def test_bulk_actions(client, editor, comments, action, state):
    ids = [comments["English one"].pk, comments["Русский"].pk]
    url = reverse("wagtail_bulk_action", args=("comments", "readercomment", action))
    query = "&".join(f"id={pk}" for pk in ids)
    confirm = client.get(f"{url}?{query}")
    assert confirm.status_code == 200
    response = client.post(f"{url}?{query}&next=/admin/reader-comments/")
    assert response.status_code == 302
    moderated = ReaderComment.objects.filter(pk__in=ids)
    assert {c.state for c in moderated} == {state}
    assert {c.moderated_by_id for c in moderated} == {editor.pk}
    assert ReaderComment.objects.get(body="English two").state == CommentState.PENDING


def test_approving_shows_the_comment_on_the_article(client, editor, comments, en_article):
    url = reverse("wagtail_bulk_action", args=("comments", "readercomment", "approve"))
    client.post(f"{url}?id={comments['English two'].pk}")
    client.logout()
    tree = lxml.html.fromstring(client.get(en_article.url).content)
    bodies = [node.text_content().strip() for node in tree.find_class("comment-body")]
    assert bodies == ["English two"]


def test_single_comment_edit_only_changes_the_state(client, editor, comments):
    comment = comments["English one"]
    url = reverse("reader_comments:edit", args=[comment.pk])
    response = client.post(url, {"state": "approved", "body": "tampered"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED
    assert comment.body == "English one"
    assert comment.moderated_by_id == editor.pk


def test_nobody_adds_comments_from_the_admin(client, editor):
    assert client.get(reverse("reader_comments:add")).status_code in (302, 403)


def test_close_and_reopen_comments_on_an_article(client, editor, en_article):
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[en_article.pk]))
    assert reverse("comments_toggle", args=[en_article.pk]).encode() in edit.content
    url = reverse("comments_toggle", args=[en_article.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"closed": "1"}).status_code == 302
    assert ArticleCommentStatus.objects.get(article=en_article).closed is True
    assert post_json(client, en_article).status_code == 403
    client.post(url, {"closed": "0"})
    assert ArticleCommentStatus.objects.get(article=en_article).closed is False


def test_admin_strings_are_in_russian_for_a_russian_editor(client, editor, comments):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    tree = lxml.html.fromstring(client.get(reverse("reader_comments:list")).content)
    listing = tree.xpath("//table[contains(@class, 'listing')]")[0].text_content()
    assert "Ожидает проверки модератором" in listing
    assert "Предварительная модерация" in listing
    assert "Awaiting moderation" not in listing


def test_moderation_mode_and_banned_words_are_a_site_setting(client, editor, en_article):
    from dateline.comments.models import CommentSettings

    site = en_article.get_site()
    url = reverse("wagtailsettings:edit", args=["comments", "commentsettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"moderation_mode": "post", "banned_words_en": "casino\r\nfree money", "banned_words_ru": ""}
    )
    assert response.status_code == 302
    settings = CommentSettings.for_site(site)
    assert settings.moderation_mode == "post"
    client.logout()
    assert post_json(client, en_article, body="Nice article").json()["state"] == "approved"
    assert post_json(client, en_article, body="Get FREE   money here").json()["state"] == "pending"


def test_moderating_a_comment_shows_its_article_thread_and_reader(client, editor, en_article):
    common = {"article": en_article, "language": "en", "ip_hash": "i" * 64}
    first = ReaderComment.objects.create(
        name="Ann",
        email="ann@example.org",
        body="First word",
        state=CommentState.APPROVED,
        reader_hash="a" * 64,
        form_nonce="n1",
        **common,
    )
    reply = ReaderComment.objects.create(
        name="Bob", body="A reply to Ann", parent=first, reader_hash="b" * 64, form_nonce="n2", **common
    )
    html = client.get(reverse("reader_comments:edit", args=[reply.pk])).content.decode()
    assert f'{en_article.url}" target="_blank"' in html and en_article.title in html
    assert f"/admin/pages/{en_article.pk}/edit/" in html
    assert "In reply to Ann:" in html and "First word" in html
    assert "Bob" in html and "Reader (pseudonymous id)" in html
    listing = client.get(reverse("reader_comments:list")).content.decode()
    assert f'href="/admin/pages/{en_article.pk}/edit/">{en_article.title}</a>' in listing


def test_queue_isolates_names_and_bodies(client, editor, en_article):
    """A right-to-left override in a stored name cannot reverse the rest of the queue's row."""
    ReaderComment.objects.create(
        article=en_article, name="Анна\u202e", body="abc", language="en", reader_hash="r", ip_hash="i", form_nonce="n1"
    )
    tree = lxml.html.fromstring(client.get(reverse("reader_comments:list")).content)
    bdis = tree.xpath("//table[contains(@class, 'listing')]//bdi[@dir='auto']")
    assert [b.text_content() for b in bdis][:2] == ["Анна\u202e", "abc"]
