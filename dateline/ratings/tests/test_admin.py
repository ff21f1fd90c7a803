"""The ratings queue in the Wagtail admin: figures per article, votes, deletion that keeps figures exact."""

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dateline.ratings import actions
from dateline.ratings.models import Vote
from dateline.ratings.summary import figures_of


@pytest.fixture
def editor_client(client, db):
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(admin)
    return client


@pytest.fixture
def votes(en_article):
    for n, stars in enumerate([5, 4, 1]):
        actions.cast_vote(article_id=en_article.pk, stars=stars, reader_id=f"{n:032x}", ip_hash="ip")
    return Vote.objects.order_by("pk")


def table_rows(response):
    doc = lxml.html.fromstring(response.content)
    return [
        [cell.text_content().strip() for cell in row.xpath("./td")]
        for row in doc.xpath("//table[contains(@class, 'listing')]/tbody/tr")
    ]


def test_rated_articles_list_shows_count_and_average(editor_client, en_article, votes):
    response = editor_client.get(reverse("ratings_articles:index"))
    assert response.status_code == 200
    rows = table_rows(response)
    row = next(r for r in rows if any(en_article.title in cell for cell in r))
    assert "3" in row and "3.3" in row


def test_votes_list_filters_by_article(editor_client, en_article, ru_article, votes):
    actions.cast_vote(article_id=ru_article.pk, stars=2, reader_id="r" * 32, ip_hash="ip")
    response = editor_client.get(reverse("ratings_votes:index"), {"article": en_article.pk})
    assert response.status_code == 200
    rows = table_rows(response)
    assert len(rows) == 3
    assert sorted(next(c for c in r if c in "12345") for r in rows) == ["1", "4", "5"]


def test_editor_deletes_an_abusive_vote_and_figures_follow(editor_client, en_article, votes):
    abusive = votes.get(value=1)
    url = reverse("ratings_votes:delete", args=[abusive.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url)
    assert response.status_code == 302
    assert not Vote.objects.filter(pk=abusive.pk).exists()
    assert figures_of(en_article.pk) == (2, 9)


def test_votes_cannot_be_added_or_edited_in_the_admin(editor_client, votes):
    assert editor_client.get(reverse("ratings_votes:add")).status_code in (302, 403)
    vote = votes.first()
    assert editor_client.post(reverse("ratings_votes:edit", args=[vote.pk]), {"value": 1}).status_code in (302, 403)
    assert Vote.objects.get(pk=vote.pk).value == vote.value


def test_ratings_menu_is_in_the_admin(editor_client):
    response = editor_client.get("/admin/")
    assert reverse("ratings_articles:index").encode() in response.content
    assert reverse("ratings_votes:index").encode() in response.content


def test_vote_inspect_page_shows_the_voter(editor_client, votes):
    response = editor_client.get(reverse("ratings_votes:inspect", args=[votes.first().pk]))
    assert response.status_code == 200
    assert "anonymous reader 00000000" in response.content.decode()


def test_russian_admin_shows_russian_column_labels(editor_client, votes):
    editor_client.cookies["django_language"] = "ru"
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "ru"
    profile.save()
    doc = lxml.html.fromstring(editor_client.get(reverse("ratings_articles:index")).content)
    headers = [th.text_content().strip() for th in doc.xpath("//table[contains(@class, 'listing')]/thead//th")]
    assert "Средняя оценка" in headers and "Голоса" in headers


@pytest.mark.browser
def test_editor_sees_the_rated_article_in_the_admin(live_demo, browser_page, en_article):
    from pathlib import Path

    from playwright.sync_api import expect

    get_user_model().objects.create_superuser("chief", "chief@example.org", "chief-pw-123")
    for n, stars in enumerate([5, 1, 4]):
        actions.cast_vote(article_id=en_article.pk, stars=stars, reader_id=f"{n:032x}", ip_hash="ip")
    page = browser_page
    page.goto(live_demo + "/admin/login/")
    page.fill("input[name='username']", "chief")
    page.fill("input[name='password']", "chief-pw-123")
    page.click("button[type='submit']")
    page.goto(live_demo + reverse("ratings_articles:index"))
    row = page.locator("table.listing tbody tr", has_text=en_article.title)
    expect(row).to_contain_text("3.3")
    artifacts = Path(__file__).resolve().parents[3] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "ratings-admin-articles.png"))
    row.get_by_role("link", name="3").click()
    expect(page.locator("table.listing tbody tr")).to_have_count(3)
    page.screenshot(path=str(artifacts / "ratings-admin-votes.png"))
    abusive = page.locator("table.listing tbody tr", has=page.get_by_role("cell", name="1", exact=True))
    abusive.get_by_role("button", name="More options").click()
    abusive.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("table.listing tbody tr")).to_have_count(2)
    assert figures_of(en_article.pk) == (2, 9)
