"""Admin sign-in throttling (django-axes): per account, per address, message in the admin's language, audit, unlock."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.urls import reverse

LOGIN = "/admin/login/"


@pytest.fixture
def boss(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "right-password-1")


def attempt(client, username, password, ip="203.0.113.5", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers)


def test_five_failures_lock_the_account_even_from_other_addresses(client, boss, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for n in range(4):
        response = attempt(client, "boss", "wrong", ip=f"198.51.100.{n}")
        assert response.status_code == 200  # the login form again, with its error
    response = attempt(client, "boss", "wrong", ip="198.51.100.9")
    assert response.status_code == 429
    # now even the right password, from a fresh address, is refused
    response = attempt(client, "boss", "right-password-1", ip="192.0.2.77")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.DATELINE_LOGIN_LOCKOUT_MINUTES * 60
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_five_failures_from_one_address_lock_that_address_for_every_account(client, boss):
    for n in range(5):
        attempt(client, f"guess{n}", "wrong", ip="203.0.113.9")
    assert attempt(client, "boss", "right-password-1", ip="203.0.113.9").status_code == 429
    # another address still signs in
    response = attempt(client, "boss", "right-password-1", ip="203.0.113.10")
    assert response.status_code == 302


def test_lockout_message_in_the_admins_language(client, boss):
    for _n in range(5):
        attempt(client, "boss", "wrong")
    response = attempt(client, "boss", "wrong", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Слишком много неудачных попыток входа" in text
    assert "Too many" not in text
    json_answer = attempt(client, "boss", "wrong", HTTP_ACCEPT="application/json")
    assert json_answer.json()["error"]["code"] == "locked_out"


def test_every_failure_is_in_the_audit_log(client, boss):
    for _n in range(6):
        attempt(client, "boss", "wrong", ip="203.0.113.44")
    log = AccessFailureLog.objects.filter(username="boss", ip_address="203.0.113.44")
    assert log.count() == 6
    assert log.filter(locked_out=True).exists()


def test_an_administrator_unlocks_from_the_admin(client, boss):
    for _n in range(5):
        attempt(client, "boss", "wrong", ip="203.0.113.50")
    assert attempt(client, "boss", "right-password-1", ip="203.0.113.51").status_code == 429
    admin_client = type(client)()
    other = get_user_model().objects.create_superuser("root", "root@example.org", "x-password-2")
    admin_client.force_login(other)
    listing = admin_client.get("/admin/security/lockouts/")
    assert listing.status_code == 200
    assert b"203.0.113.50" in listing.content
    assert admin_client.get("/admin/security/failures/").status_code == 200
    for attempt_row in AccessAttempt.objects.all():
        delete_url = reverse("signin_lockouts:delete", args=[attempt_row.pk])
        assert admin_client.post(delete_url).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert attempt(client, "boss", "right-password-1", ip="203.0.113.51").status_code == 302


def test_editors_do_not_see_lockouts(client, db):
    from django.contrib.auth.models import Group, Permission

    editor = get_user_model().objects.create_user("ed", "ed@example.org", "pw-ed-12345")
    group = Group.objects.get_or_create(name="Editors")[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get("/admin/security/lockouts/").status_code in (302, 403)
    assert b"/admin/security/lockouts/" not in client.get("/admin/").content


def test_djangos_second_admin_is_gone(client, db):
    assert client.get("/django-admin/login/", follow=True).status_code == 404
    response = client.post("/django-admin/login/", {"username": "boss", "password": "x"}, follow=True)
    assert response.status_code in (403, 404)  # a redirect into the edition, then no such page (or CSRF)
    assert not AccessFailureLog.objects.exists()  # no login form there to guess at
