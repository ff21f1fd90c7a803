"""The editor's preview of an article that is not saved yet renders (Wagtail's live preview panel)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dateline.news.models import SectionPage


@pytest.fixture
def editor_client(client, demo):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


@pytest.mark.parametrize("language,headline", [("en", "Preview headline"), ("ru", "Заголовок для предпросмотра")])
def test_preview_of_a_new_unsaved_article_renders(editor_client, language, headline):
    section = SectionPage.objects.get(locale__language_code=language)
    url = f"/admin/pages/add/news/articlepage/{section.pk}/preview/"
    data = nested_form_data(
        {
            "title": headline,
            "slug": "",
            "lead": "Lead.",
            "body": rich_text("<p>Body text.</p>"),
            "dateline_place": "",
            "byline": "",
            "published_at": "2019-01-18 16:00",
            "time_zone": "Europe/Moscow",
            "source_url": "",
            "tags": "",
            "corrections": inline_formset([]),
        }
    )
    assert editor_client.post(url, data).json()["is_valid"] is True
    response = editor_client.get(url)
    assert response.status_code == 200
    assert headline in response.content.decode()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_preview_of_a_new_unsaved_dossier_renders(editor_client, language):
    from dateline.news.models import EditionPage

    edition = EditionPage.objects.get(locale__language_code=language)
    url = f"/admin/pages/add/news/dossierpage/{edition.pk}/preview/"
    data = nested_form_data({"title": "Новое досье", "slug": "", "body": rich_text("<p>Фон.</p>")})
    assert editor_client.post(url, data).json()["is_valid"] is True
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Новое досье" in response.content.decode()
