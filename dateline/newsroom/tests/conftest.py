"""Users in each newsroom role, signed in through the admin's login form."""

import pytest
from django.contrib.auth.models import Group

from dateline.newsroom.roles import ADMINISTRATORS, EDITORS, MODERATORS, REPORTERS, TRANSLATORS

PASSWORD = "newsroom-pass"


def make_user(django_user_model, username, *groups):
    """Return a new active user (not a superuser) in the named groups."""
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.set([Group.objects.get(name=name) for name in groups])
    return user


def sign_in(client, user):
    """Sign ``user`` in through the admin's own login form (not force_login) and return the client."""
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.fixture
def en_news(demo):
    from dateline.news.models import SectionPage

    return SectionPage.objects.get(locale__language_code="en", slug="news")


@pytest.fixture
def users(demo, django_user_model, en_news):
    from django.apps import apps

    from dateline.newsroom.roles import apply_roles, ensure_section_reporters_group

    apply_roles(apps)  # idempotent; the groups are gone after a transactional test's flush

    section_group = ensure_section_reporters_group(en_news)
    return {
        "reporter": make_user(django_user_model, "reporter", REPORTERS, section_group.name),
        "editor": make_user(django_user_model, "editor", EDITORS),
        "translator": make_user(django_user_model, "translator", TRANSLATORS),
        "moderator": make_user(django_user_model, "moderator", MODERATORS),
        "administrator": make_user(django_user_model, "administrator", ADMINISTRATORS),
    }
