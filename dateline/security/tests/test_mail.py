"""Outgoing mail from the environment; password reset hidden without it, never a silent failure."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

PROJECT = Path(__file__).resolve().parents[3]
RESET = "/admin/password_reset/"


@pytest.fixture
def boss(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "right-password-1")


def test_without_mail_the_reset_is_hidden_and_the_login_page_says_why(client, db, settings):
    assert settings.DATELINE_MAIL_CONFIGURED is False  # the test environment sets no EMAIL_URL
    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False
    page = client.get("/admin/login/").content.decode()
    assert RESET not in page
    assert "no mail server is configured" in page
    assert client.get(RESET, follow=True).status_code == 404
    ru = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "почтовый сервер не настроен" in ru


def test_with_mail_the_reset_link_is_sent(client, boss, settings):
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert RESET in client.get("/admin/login/").content.decode()
    response = client.post(RESET, {"email": "boss@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["boss@example.org"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe closes


@pytest.mark.parametrize("email", ["boss@example.org", "nobody@example.org"])
def test_a_mail_server_that_fails_is_an_error_not_a_sent_page(client, boss, settings, email):
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    response = client.post(RESET, {"email": email}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200  # the form again, not the "sent" page
    assert "Письмо не отправлено" in response.content.decode()  # same answer for unknown addresses


def settings_in_subprocess(env: dict, names: list[str]) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: str(getattr(settings, n, None)) for n in {names!r}}}))"
    )
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL", "DATELINE_", "DJANGO_"))}
    full_env.update({"DJANGO_SETTINGS_MODULE": "dateline.settings.production", "DJANGO_SECRET_KEY": "x" * 60, **env})
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=full_env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_email_url_configures_smtp():
    names = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS"]
    names += ["WAGTAIL_PASSWORD_RESET_ENABLED", "DEFAULT_FROM_EMAIL"]
    got = settings_in_subprocess(
        {"EMAIL_URL": "submission://news:secret@mail.example.org:587", "DATELINE_BASE_URL": "https://news.example.org"},
        names,
    )
    assert got["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (got["EMAIL_HOST"], got["EMAIL_PORT"], got["EMAIL_HOST_USER"]) == ("mail.example.org", "587", "news")
    assert got["EMAIL_USE_TLS"] == "True"
    assert got["WAGTAIL_PASSWORD_RESET_ENABLED"] == "True"
    assert got["DEFAULT_FROM_EMAIL"] == "Dateline <noreply@news.example.org>"


def test_dateline_email_variables_configure_smtp():
    got = settings_in_subprocess(
        {"DATELINE_EMAIL_HOST": "smtp.example.org", "DATELINE_EMAIL_PORT": "2525", "DATELINE_EMAIL_FROM": "a@b.c"},
        ["EMAIL_HOST", "EMAIL_PORT", "WAGTAIL_PASSWORD_RESET_ENABLED", "DEFAULT_FROM_EMAIL"],
    )
    assert got == {
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "2525",
        "WAGTAIL_PASSWORD_RESET_ENABLED": "True",
        "DEFAULT_FROM_EMAIL": "a@b.c",
    }
