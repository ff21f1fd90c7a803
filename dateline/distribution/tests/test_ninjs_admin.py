"""The Wagtail admin of API keys: creating a key shows it once and stores its hash."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from lxml import html
from wagtail.users.models import UserProfile

from dateline.distribution.models import ApiKey, hash_api_key


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["en", "ru"])
def test_create_key_shows_it_once(admin_client, language, demo):
    admin_client.cookies["django_language"] = language
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = language
    profile.save()

    response = admin_client.post(
        reverse("api_keys:add"),
        {"name": "Website", "subscriber": "Example Daily", "rate_limit_per_minute": "60", "is_active": "on"},
    )
    assert response.status_code == 200
    document = html.fromstring(response.content)
    raw_key = document.cssselect("[data-api-key]")[0].text_content().strip()
    api_key = ApiKey.objects.get()
    assert api_key.key_hash == hash_api_key(raw_key)
    assert document.get("lang") == language
    title = document.findtext(".//title")
    assert ("Ключ API создан" in title) if language == "ru" else ("API key created" in title)
    # The key is never shown again: not on the list, not on the edit page.
    listing = admin_client.get(reverse("api_keys:index"))
    assert raw_key not in listing.content.decode()
    if language == "ru":  # no English interface word (True/False) on the Russian listing
        cells = [cell.text_content().strip() for cell in html.fromstring(listing.content).cssselect("main table td")]
        assert not {"True", "False"} & set(cells)
    edit = admin_client.get(reverse("api_keys:edit", args=[api_key.pk]))
    assert raw_key not in edit.content.decode()


def test_revoking_in_the_admin_refuses_the_key(admin_client, demo):
    admin_client.post(
        reverse("api_keys:add"),
        {"name": "Website", "subscriber": "Example Daily", "rate_limit_per_minute": "60", "is_active": "on"},
    )
    api_key = ApiKey.objects.get()
    response = admin_client.post(
        reverse("api_keys:edit", args=[api_key.pk]),
        {"name": "Website", "subscriber": "Example Daily", "rate_limit_per_minute": "60"},
    )
    assert response.status_code == 302
    assert not ApiKey.objects.get().is_active
