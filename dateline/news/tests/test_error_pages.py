"""Error pages speak the request's language: no English "Not Found" on /ru/."""

import lxml.html
import pytest
from django.test import RequestFactory
from django.utils import translation

from dateline.news.error_pages import server_error

HEADINGS = {"en": "Page not found", "ru": "Страница не найдена"}
SITE_NAMES = {"en": "Dateline News Agency", "ru": "Информационное агентство «Дейтлайн»"}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "path",
    ["no-such-page/", "news/?page=99999", "tags/no-such-tag/", "-/comments/99999/new/", "-/errorreports/99999/"],
)
def test_404_page_is_in_the_language_of_the_edition(client, demo, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 404
    doc = lxml.html.fromstring(response.content)
    assert doc.get("lang") == language
    assert doc.cssselect("h1")[0].text_content() == HEADINGS[language]
    assert doc.cssselect(".brand-name")[0].text_content() == SITE_NAMES[language]
    assert "Not Found" not in response.content.decode()


@pytest.mark.parametrize(
    "language,heading",
    [("en", "Server error"), ("ru", "Ошибка сервера")],
)
def test_500_page_is_in_the_request_language_without_the_database(language, heading):
    with translation.override(language):
        response = server_error(RequestFactory().get(f"/{language}/"))  # no db fixture: no query allowed
    assert response.status_code == 500
    doc = lxml.html.fromstring(response.content)
    assert doc.get("lang") == language
    assert doc.cssselect("h1")[0].text_content() == heading
