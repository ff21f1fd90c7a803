"""The admin speaks the agency's time: times are shown and entered in DATELINE_TIME_ZONE (or the zone an
editor chose in their account), and every date-time field says which zone it means."""

from datetime import datetime
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from dateline.news.models import ArticlePage, SectionPage


@pytest.fixture
def editor(client, demo):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return user


def add_article(client, published_at: str, go_live_at: str = ""):
    section = SectionPage.objects.get(locale__language_code="en")
    data = nested_form_data(
        {
            "title": "Zoned story",
            "slug": "zoned-story",
            "lead": "Lead.",
            "body": rich_text("<p>Body.</p>"),
            "dateline_place": "",
            "byline": "",
            "published_at": published_at,
            "time_zone": "Europe/Moscow",
            "source_url": "",
            "tags": "",
            "corrections": inline_formset([]),
            "go_live_at": go_live_at,
            "expire_at": "",
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug="zoned-story")


def test_the_admin_zone_is_the_agencys():
    assert settings.TIME_ZONE == settings.DATELINE_TIME_ZONE == "Europe/Moscow"


def test_an_editor_who_types_15_00_publishes_at_15_00_moscow_time(client, editor):
    article = add_article(client, "2026-03-10 15:00")
    assert article.published_at == datetime(2026, 3, 10, 15, 0, tzinfo=ZoneInfo("Europe/Moscow"))
    assert article.published_at.astimezone(ZoneInfo("UTC")).hour == 12


def test_a_scheduled_go_live_is_read_in_moscow_time_too(client, editor):
    add_article(client, "2030-03-10 09:00", go_live_at="2030-03-10 15:00")
    article = ArticlePage.objects.get(slug="zoned-story")
    revision = article.latest_revision
    assert revision.approved_go_live_at == datetime(2030, 3, 10, 15, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def zone_labels(client, article) -> dict:
    doc = lxml.html.fromstring(client.get(f"/admin/pages/{article.pk}/edit/").content)
    labels = {}
    for span in doc.cssselect("span.dateline-time-zone"):
        field = span.getprevious()
        while field is not None and field.tag != "input":
            field = field.getprevious()
        labels[field.get("name") if field is not None else "?"] = span.text_content()
    return labels


def test_every_time_field_says_which_zone_it_means(client, editor, en_article):
    labels = zone_labels(client, en_article)
    assert {"published_at", "go_live_at", "expire_at"} <= set(labels)
    assert all(label == "Time zone: Europe/Moscow (UTC+03:00)" for label in labels.values()), labels


def test_the_shown_time_is_in_the_zone_named(client, editor, en_article):
    doc = lxml.html.fromstring(client.get(f"/admin/pages/{en_article.pk}/edit/").content)
    shown = doc.cssselect('input[name="published_at"]')[0].get("value")
    expected = en_article.published_at.astimezone(ZoneInfo("Europe/Moscow")).strftime("%Y-%m-%d %H:%M")
    assert shown == expected


def test_an_editor_may_choose_another_zone(client, editor, en_article):
    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    labels = zone_labels(client, en_article)
    assert set(labels.values()) == {"Time zone: Asia/Tokyo (UTC+09:00)"}
    article = add_article(client, "2026-03-10 15:00")
    assert article.published_at == datetime(2026, 3, 10, 15, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_the_zone_is_named_in_russian(client, editor, en_article):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    assert set(zone_labels(client, en_article).values()) == {"Часовой пояс: Europe/Moscow (UTC+03:00)"}
