"""Editors' side: every page type opens in the Wagtail editor, and articles can be created there."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage


@pytest.fixture
def editor_client(client, demo):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [EditionPage, SectionPage, DossierPage, ArticlePage])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_type_opens_in_the_editor(editor_client, model, language):
    page = model.objects.get(locale__language_code=language)
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200


def test_editor_creates_an_article_with_a_transliterated_slug(editor_client):
    section = SectionPage.objects.get(locale__language_code="ru")
    data = nested_form_data(
        {
            "title": "Лавров встретился с Маасом",
            "slug": "",
            "lead": "Министры обсудили ДРСМД.",
            "body": rich_text("<p>Текст статьи.</p>"),
            "dateline_place": "Москва",
            "byline": "",
            "published_at": "2019-01-18 16:00",
            "time_zone": "Europe/Moscow",
            "source_url": "",
            "tags": "",
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor_client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(title="Лавров встретился с Маасом")
    assert article.live
    assert article.slug == "lavrov-vstretilsya-s-maasom"
    assert article.locale.language_code == "ru"
    assert isinstance(Page.objects.get(pk=article.pk).specific, ArticlePage)


def test_admin_speaks_russian_to_a_russian_editor(editor_client):
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "ru"
    profile.save()
    response = editor_client.get("/admin/")
    assert '<html lang="ru"' in response.content.decode()
