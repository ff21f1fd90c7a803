"""ninjs API: a ``since`` past the calendar's ends and control characters (NUL) in a filter are 400 JSON
errors with their message, on SQLite and PostgreSQL alike (were an OverflowError / DataError / ValueError 500)."""

import pytest
from django.core.cache import cache

from dateline.distribution.actions import create_api_key


@pytest.fixture
def get(client, demo):
    cache.clear()
    key = create_api_key(name="Tests", subscriber="Example Daily", rate_limit_per_minute=1000)[1]

    def _get(**params):
        return client.get("/api/ninjs/", params, HTTP_AUTHORIZATION=f"Bearer {key}")

    yield _get
    cache.clear()


@pytest.mark.parametrize("since", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_since_past_the_calendar_is_a_400(get, since):
    response = get(since=since)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert "out of range" in response.json()["error"]["message"]


def test_since_at_the_calendars_edges_is_fine(get):
    assert get(since="9999-12-31T23:59:59+00:00").status_code == 200
    assert get(since="0001-01-01T00:00:00+00:00").json()["count"] >= 1


@pytest.mark.parametrize("name", ["section", "dossier", "locale", "since"])
@pytest.mark.parametrize("value", ["news\x00", "\x00", "a\x01b"])
def test_control_characters_in_a_filter_are_a_400(get, name, value):
    response = get(**{name: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["message"] == f"“{name}” must not contain control characters."
