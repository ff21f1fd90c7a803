"""A database or store that fails (locked, read-only, missing, unreachable) is a clear 503, not a 500."""

import json

import pytest
from django.db import DatabaseError, OperationalError
from django.test import RequestFactory
from django.utils import translation
from redis.exceptions import ConnectionError as RedisConnectionError

from dateline.availability.middleware import ServiceUnavailableMiddleware, is_unavailable


def middleware_answer(exception, accept="text/html", language="en"):
    request = RequestFactory().get(f"/{language}/", HTTP_ACCEPT=accept)
    with translation.override(language):
        return ServiceUnavailableMiddleware(lambda r: None).process_exception(request, exception)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("database is locked"),
        OperationalError("attempt to write a readonly database"),
        OperationalError("no such table: wagtailcore_page"),  # a missing SQLite file, made empty
        OperationalError('connection to server at "db" failed: Connection refused'),
        RedisConnectionError("Error 111 connecting to localhost:6379. Connection refused."),
    ],
)
def test_unavailable_services_are_503_pages(error):
    response = middleware_answer(error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "Temporarily unavailable" in response.content.decode()


def test_json_clients_get_json_in_their_language():
    response = middleware_answer(OperationalError("database is locked"), "application/json", "ru")
    assert response.status_code == 503
    error = json.loads(response.content)["error"]
    assert error["code"] == "unavailable" and "Сайт" in error["message"]


def test_the_page_is_in_the_readers_language():
    html = middleware_answer(OperationalError("database is locked"), language="ru").content.decode()
    assert 'lang="ru"' in html and "Временно недоступно" in html


def test_bugs_stay_500s():
    assert middleware_answer(ValueError("a bug")) is None
    assert middleware_answer(DatabaseError("syntax error at or near")) is None
    assert not is_unavailable(KeyError("x"))
