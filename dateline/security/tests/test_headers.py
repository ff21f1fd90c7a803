"""Security headers: the Content-Security-Policy, the admin's nonced widget scripts, production HTTPS settings."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from dateline.security.middleware import AdminInlineScriptNonceMiddleware

PROJECT = Path(__file__).resolve().parents[3]


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_reader_pages_have_a_strict_csp_without_nonce(client, en_article):
    response = client.get(en_article.url)
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]  # no nonce on cacheable pages, no 'unsafe-inline', no eval
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "public" in response["Cache-Control"]


def test_admin_pages_get_a_nonce_for_wagtails_widget_scripts_only(client, en_article, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("e", "e@example.org", "pw"))
    response = client.get(f"/admin/pages/{en_article.pk}/edit/")
    csp = policy(response)
    nonce = next(v for v in csp["script-src"] if v.startswith("'nonce-"))[7:-1]
    html = response.content.decode()
    assert f'<script nonce="{nonce}">initDateTimeChooser("id_published_at", ' in html
    assert "<script>" not in html  # every inline script of the editor got it


def run(html: str) -> str:
    request = RequestFactory().get("/admin/pages/1/edit/")
    request.csp_nonce = "N0NCE"
    response = HttpResponse(html)
    return AdminInlineScriptNonceMiddleware(lambda r: response)(request).content.decode()


@pytest.mark.parametrize(
    "script",
    [
        "<script>alert(1)</script>",
        '<script>initDateChooser("x", {}); alert(1);</script>',
        "<script>initDateChooser(alert(1));</script>",
        '<script>new PageChooser("x", fetch("//evil"));</script>',
        '<script>new Function("x", {});</script>',
        '<script>(function() { var panel = new InlinePanel(JSON.parse("{")); })();</script>',
        '<script>(function() { var panel = new InlinePanel(JSON.parse("{}" + alert(1))); })();</script>',
        '<script>(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1); })();</script>',
    ],
)
def test_other_inline_scripts_get_no_nonce(script):
    assert run(f"<p>{script}</p>") == f"<p>{script}</p>"


def test_wagtails_initialisers_with_json_arguments_get_the_nonce():
    html = '<script>new ImageChooser("id_lead_image", {"modalUrl": "/admin/images/chooser/"});</script>'
    assert run(html) == html.replace("<script>", '<script nonce="N0NCE">')


def test_wagtails_inline_panel_initialiser_gets_the_nonce():
    html = (
        "<script>\n        (function() {\n            var panel = new InlinePanel(JSON.parse("
        '"{\\u0022formsetPrefix\\u0022: \\u0022id_corrections\\u0022, \\u0022maxForms\\u0022: 1000}"));\n'
        "        })();\n    </script>"
    )
    assert run(html) == html.replace("<script>", '<script nonce="N0NCE">')


def production_settings(env: dict, names: list[str]) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}, default=str))"
    )
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL", "DATELINE_", "DJANGO_"))}
    full_env.update({"DJANGO_SETTINGS_MODULE": "dateline.settings.production", "DJANGO_SECRET_KEY": "x" * 60, **env})
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=full_env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


NAMES = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
]


def test_https_base_url_turns_on_hsts_redirect_and_secure_cookies():
    got = production_settings({"DATELINE_BASE_URL": "https://news.example.org"}, NAMES)
    assert got == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    }


def test_plain_http_base_url_keeps_them_off_for_make_run():
    got = production_settings({"DATELINE_BASE_URL": "http://localhost:8000"}, NAMES)
    assert got == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
    }


#: The documented production variables (README, "Serving on the internet").
PRODUCTION_ENV = {
    "DATELINE_BASE_URL": "https://news.example.org",
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
    "DJANGO_SECRET_KEY": "k3y-" + "9f8e7d6c5b4a" * 5,
}


def check_deploy(**extra) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL", "DATELINE_", "DJANGO_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "dateline.settings.production", **PRODUCTION_ENV, **extra})
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout + out.stderr


def test_check_deploy_leaves_only_the_two_warnings_the_readme_explains():
    """README "Serving on the internet": W019 (the editor's preview is a same-site frame) and
    W021 (HSTS preload is the agency's own one-way decision, DATELINE_HSTS_PRELOAD=1)."""
    output = check_deploy()
    assert sorted(set(re.findall(r"\((security\.\w+|[a-z_]+\.[A-Z]\d+)\)", output))) == [
        "security.W019",
        "security.W021",
    ], output
    assert "System check identified 2 issues" in output
    assert re.findall(r"\(security\.\w+\)", check_deploy(DATELINE_HSTS_PRELOAD="1")) == ["(security.W019)"]
