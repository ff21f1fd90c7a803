"""API keys of the ninjs API: 401/403/429 with JSON bodies, hashing, the per-key rate limit."""

from __future__ import annotations

import pytest

from dateline.distribution.actions import create_api_key
from dateline.distribution.api import RATE_WINDOW_SECONDS
from dateline.distribution.models import ApiKey, hash_api_key
from dateline.ratelimit import RateLimitExceeded, hit

LIST_URL = "/api/ninjs/"


@pytest.fixture
def key_pair(db):
    """(ApiKey, full key) of an active key allowing 3 requests a minute."""
    return create_api_key(name="Feed", subscriber="Example Daily", rate_limit_per_minute=3)


def error_of(response) -> dict:
    data = response.json()
    assert set(data) == {"error"}
    assert set(data["error"]) == {"code", "message"} and data["error"]["message"]
    return data["error"]


def test_only_the_hash_is_stored(key_pair):
    api_key, raw_key = key_pair
    stored = ApiKey.objects.get(pk=api_key.pk)
    assert raw_key.startswith(f"dl_{stored.prefix}_")
    assert stored.key_hash == hash_api_key(raw_key)
    assert raw_key not in {getattr(stored, f.attname) for f in ApiKey._meta.concrete_fields}


def test_missing_key_is_401(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert error_of(response)["code"] == "missing_api_key"


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-dateline-key"])
def test_malformed_authorization_is_401(client, db, header):
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert error_of(response)["code"] == "malformed_api_key"


def test_unknown_key_is_403(client, key_pair):
    api_key, raw_key = key_pair
    wrong = raw_key[:-4] + ("aaaa" if not raw_key.endswith("aaaa") else "bbbb")
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {wrong}")
    assert response.status_code == 403
    assert error_of(response)["code"] == "invalid_api_key"
    response = client.get(LIST_URL, HTTP_AUTHORIZATION="Bearer dl_zzzzzzzz_nosuchsecret")
    assert response.status_code == 403


def test_revoked_key_is_403(client, key_pair):
    api_key, raw_key = key_pair
    ApiKey.objects.filter(pk=api_key.pk).update(is_active=False)
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    assert response.status_code == 403
    assert error_of(response)["code"] == "revoked_api_key"


def test_bearer_and_x_api_key_both_work_and_record_last_use(client, key_pair, demo):
    api_key, raw_key = key_pair
    assert api_key.last_used_at is None
    assert client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw_key}").status_code == 200
    response = client.get(LIST_URL, HTTP_X_API_KEY=raw_key)
    assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "3"
    assert response["X-RateLimit-Remaining"] == "1"
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at is not None


def test_over_the_limit_is_429_with_retry_after(client, key_pair, demo, monkeypatch):
    import types

    import dateline.ratelimit

    # Mid-window, so that the four requests fall in one fixed window however slow the machine is.
    monkeypatch.setattr(dateline.ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))
    api_key, raw_key = key_pair
    for _ in range(3):
        assert client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw_key}").status_code == 200
    response = client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    assert response.status_code == 429
    assert error_of(response)["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another key has its own allowance.
    _other, other_raw = create_api_key(name="Other", subscriber="Other Daily", rate_limit_per_minute=3)
    assert client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {other_raw}").status_code == 200


def test_rate_window_resets_each_minute(db):
    start = 1_800_000_000.0  # a multiple of 60
    assert [hit("t", "k", 2, RATE_WINDOW_SECONDS, now=start + s) for s in (0, 10)] == [1, 2]
    with pytest.raises(RateLimitExceeded) as refused:
        hit("t", "k", 2, RATE_WINDOW_SECONDS, now=start + 45)
    assert refused.value.retry_after == 15
    assert hit("t", "k", 2, RATE_WINDOW_SECONDS, now=start + 60) == 1


def test_errors_speak_russian_when_asked(client, db):
    response = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 401
    message = error_of(response)["message"]
    assert any("а" <= ch <= "я" for ch in message.lower())
    english = error_of(client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en"))["message"]
    assert not any("а" <= ch <= "я" for ch in english.lower())


def test_wrong_keys_from_one_address_are_limited_with_429(client, key_pair, demo, settings):
    """1,000 invalid keys used to get 1,000 × 403; now the address is cut off after the limit."""
    settings.DATELINE_API_BAD_KEY_LIMIT = 5
    _api_key, raw = key_pair
    statuses = []
    for n in range(40):
        guess = f"dl_{raw.split('_')[1]}_{n:040d}" if n % 2 else f"nonsense-{n}"
        statuses.append(client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {guess}", REMOTE_ADDR="198.51.100.7"))
    codes = [r.status_code for r in statuses]
    assert codes[:5] == [401, 403, 401, 403, 401]
    assert set(codes[5:]) == {429}
    refused = statuses[-1]
    assert error_of(refused)["code"] == "too_many_bad_keys"
    assert 0 < int(refused["Retry-After"]) <= settings.DATELINE_API_BAD_KEY_WINDOW
    # the right key is refused too from that address (a lucky guess learns nothing) ...
    assert client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="198.51.100.7").status_code == 429
    # ... but works from another one, and wrong keys there count apart
    assert client.get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="198.51.100.8").status_code == 200
    assert client.get(LIST_URL, HTTP_X_API_KEY="dl_x", REMOTE_ADDR="198.51.100.8").status_code == 401


def test_bad_key_limit_message_speaks_russian(client, db, settings):
    settings.DATELINE_API_BAD_KEY_LIMIT = 1
    client.get(LIST_URL, HTTP_AUTHORIZATION="Bearer x", REMOTE_ADDR="198.51.100.9")
    response = client.get(
        LIST_URL, HTTP_AUTHORIZATION="Bearer y", REMOTE_ADDR="198.51.100.9", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 429
    assert "неверным" in error_of(response)["message"]
