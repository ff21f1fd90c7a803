"""Moderators moderate: the "Reader moderators" group opens and acts on the comment, error-report and rating
queues and nothing else; Wagtail's own "Moderators" open the queues too. Signed in with a password, as a
moderator would."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from dateline.comments.models import CommentState, ReaderComment
from dateline.errorreports.actions import submit_report
from dateline.errorreports.models import ErrorReport
from dateline.ratings.actions import cast_vote
from dateline.ratings.models import Vote
from dateline.roles.permissions import READER_MODERATORS_GROUP, WAGTAIL_MODERATORS_GROUP

ERROR_QUEUE = "/admin/snippets/errorreports/errorreport/"


@pytest.fixture
def submissions(en_article):
    comment = ReaderComment.objects.create(
        article=en_article, name="Ann", body="Pending words.", language="en", reader_hash="r", ip_hash="i"
    )
    words = " ".join(en_article.plain_text().split())[40:70].strip()
    submit_report(article_id=en_article.pk, selected_text=words, fingerprint="f", rate_key="k")
    cast_vote(article_id=en_article.pk, stars=2, reader_id="a" * 32, ip_hash="h")
    return {"comment": comment, "report": ErrorReport.objects.get(), "vote": Vote.objects.get()}


def signed_in(django_user_model, group_name: str) -> Client:
    user = django_user_model.objects.create_user("mod", "mod@example.org", "a-long-moderator-password")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "mod", "password": "a-long-moderator-password", "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return client


@pytest.mark.parametrize("group_name", [READER_MODERATORS_GROUP, WAGTAIL_MODERATORS_GROUP])
def test_moderators_open_the_three_queues(django_user_model, submissions, group_name):
    client = signed_in(django_user_model, group_name)
    dashboard = client.get("/admin/").content.decode()
    for url in [
        reverse("reader_comments:list"),
        ERROR_QUEUE,
        reverse("ratings_votes:index"),
        reverse("ratings_articles:index"),
    ]:
        assert client.get(url).status_code == 200, url
        assert url in dashboard, f"{url} is not in the menu"


def test_reader_moderators_act_on_the_queues(django_user_model, submissions):
    client = signed_in(django_user_model, READER_MODERATORS_GROUP)
    comment = submissions["comment"]
    approve = reverse("wagtail_bulk_action", args=("comments", "readercomment", "approve"))
    assert client.post(f"{approve}?id={comment.pk}").status_code == 302
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED

    report = submissions["report"]
    dismiss = reverse("wagtail_bulk_action", args=("errorreports", "errorreport", "errorreport_dismiss"))
    assert client.post(f"{dismiss}?id={report.pk}").status_code == 302
    report.refresh_from_db()
    assert report.status == "dismissed"

    vote = submissions["vote"]
    assert client.post(reverse("ratings_votes:delete", args=[vote.pk])).status_code == 302
    assert not Vote.objects.filter(pk=vote.pk).exists()


def test_reader_moderators_can_do_nothing_else(django_user_model, submissions, en_article):
    client = signed_in(django_user_model, READER_MODERATORS_GROUP)
    forbidden = [
        f"/admin/pages/{en_article.pk}/edit/",
        f"/admin/pages/{en_article.get_parent().pk}/add_subpage/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/locales/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/redirects/",
    ]
    for url in forbidden:
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert "/login/" in response["Location"] or response["Location"] == "/admin/", (url, response["Location"])
    assert not client.get("/admin/pages/").content.decode().count(f"/admin/pages/{en_article.pk}/edit/")
