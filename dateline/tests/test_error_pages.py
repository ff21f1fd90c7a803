"""Error pages speak the request's language: no English "Not Found" on /ru/."""

import lxml.html
import pytest
from django.test import RequestFactory
from django.utils import translation

from dateline.error_pages import server_error

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


CSRF_MESSAGES = {
    "en": "This form has expired or was sent from another site. Go back, reload the page and send it again.",
    "ru": "Срок действия формы истёк или она отправлена с другого сайта. Вернитесь назад, обновите страницу "
    "и отправьте её ещё раз.",
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("endpoint", ["-/comments/{id}/new/", "-/errorreports/{id}/"])
def test_csrf_failure_is_in_the_request_language_as_json_or_page(demo, language, endpoint):
    from django.test import Client

    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    client = Client(enforce_csrf_checks=True)
    url = f"/{language}/" + endpoint.format(id=article.pk)
    as_json = client.post(url, {"body": "x"}, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 403
    assert as_json.json()["error"] == {"code": "csrf_failed", "message": CSRF_MESSAGES[language]}
    page = client.post(url, {"body": "x"})
    assert page.status_code == 403
    doc = lxml.html.fromstring(page.content)
    assert doc.get("lang") == language
    assert doc.cssselect(".list-intro")[0].text_content() == CSRF_MESSAGES[language]


def test_a_script_asking_for_json_gets_a_json_404(client, demo):
    response = client.get("/ru/no-such-page/", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "Такой страницы на сайте нет. Возможно, её перенесли или удалили.",
    }


@pytest.mark.parametrize(
    "path,accept",
    [("/ru/-/comments/1/new/", "application/json"), ("/api/ninjs/", "*/*")],
)
def test_500_is_json_for_scripts_and_the_api(path, accept):
    import json

    with translation.override("ru"):
        response = server_error(RequestFactory().get(path, HTTP_ACCEPT=accept))  # no db fixture
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    error = json.loads(response.content)["error"]
    assert error["code"] == "server_error" and error["message"].startswith("Что-то пошло не так")
