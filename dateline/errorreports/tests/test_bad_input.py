"""Hostile or empty submissions get a 4xx answer in the request's language, never a server error."""

import pytest

from dateline.errorreports.models import ErrorReport
from dateline.news.models import ArticlePage

EMPTY = {"en": "Select the text with the error first.", "ru": "Сначала выделите текст с ошибкой."}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_empty_post_from_the_dialog_is_a_400_in_the_page_language(client, demo, language):
    article = ArticlePage.objects.live().get(locale__language_code=language)
    response = client.post(f"/{language}/-/errorreports/{article.pk}/", {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "empty", "message": EMPTY[language]}
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_empty_post_without_javascript_shows_the_form_with_its_error(client, demo, language):
    article = ArticlePage.objects.live().get(locale__language_code=language)
    response = client.post(f"/{language}/-/errorreports/{article.pk}/", {})
    assert response.status_code == 400
    assert response.context["form"].is_bound
    assert response.context["form"].errors["selected_text"]
    assert not ErrorReport.objects.exists()
