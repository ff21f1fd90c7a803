"""The production configuration (``deploy/nginx``) in real nginx, in front of a live server.

Page files are sent by nginx with the page's headers, editors still reach the app, and an
edit reaches readers: the app deletes the files nginx sends. ``make test`` installs Debian's
``nginx-light``; without it (a bare ``pytest``) these tests are skipped with that reason.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from dateline.news.models import ArticlePage

NGINX = "/usr/sbin/nginx"
TEMPLATE = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "dateline.conf.template"

pytestmark = pytest.mark.skipif(
    not os.path.exists(NGINX), reason="Debian's nginx-light is not installed (make test installs it)"
)


def get(url: str, headers: dict | None = None):
    """(status, headers, body) of a GET that follows no redirect and raises on no HTTP error."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def nginx_front(live_demo, tmp_path, settings, free_port):
    """nginx with the deploy template in front of the live server; returns its base URL."""
    settings.DATELINE_PAGECACHE_NGINX_DIR = str(tmp_path / "cache")
    settings.DATELINE_PAGECACHE_NGINX_FILES_DIR = str(tmp_path / "pages")
    for sub in ("cache", "pages", "static", "tmp"):
        (tmp_path / sub).mkdir()
    call_command("pagecache_headers", "--host", "127.0.0.1", stdout=open(os.devnull, "w"))  # noqa: SIM115
    app = urlsplit(live_demo)
    port = free_port
    site = Template(TEMPLATE.read_text()).safe_substitute(
        DATELINE_NGINX_CACHE_DIR=str(tmp_path / "cache"),
        DATELINE_NGINX_PAGE_FILES_DIR=str(tmp_path / "pages"),
        DATELINE_APP_ADDRESS=f"127.0.0.1:{app.port}",
        DATELINE_NGINX_LISTEN=f"127.0.0.1:{port}",
        DATELINE_STATIC_ROOT=str(tmp_path / "static"),
    )
    temp = tmp_path / "tmp"
    (tmp_path / "nginx.conf").write_text(
        ("user root root;\n" if os.geteuid() == 0 else "")
        + f"""daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
{site}
}}
"""
    )
    nginx = subprocess.Popen([NGINX, "-c", str(tmp_path / "nginx.conf")], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {nginx.stderr.read().decode()}") from None
            time.sleep(0.05)
    yield base
    nginx.terminate()
    nginx.wait(10)


def test_nginx_sends_page_files_with_the_pages_headers_and_an_edit_reaches_readers(nginx_front):
    article = ArticlePage.objects.get(locale__language_code="en")
    russian = ArticlePage.objects.get(locale__language_code="ru")
    url = nginx_front + article.url
    status, headers, first = get(url)
    assert status == 200 and headers["X-Cache-Status"] == "MISS"
    status, headers, body = get(url)
    assert (status, headers["X-Cache-Status"], body) == (200, "FILE", first)
    assert headers["Content-Language"] == "en"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert get(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert get(nginx_front + russian.url)[0] == 200
    assert get(nginx_front + russian.url)[1]["X-Cache-Status"] == "FILE"

    # Editors and pages with a query string never get a page file.
    assert get(url, {"Cookie": "sessionid=an-editor"})[1]["X-Cache-Status"] == "BYPASS"
    assert get(url + "?utm_source=x")[1]["X-Cache-Status"] != "FILE"

    article.title = "A corrected headline, through nginx"
    article.save_revision().publish()
    deadline = time.monotonic() + 3  # nginx may send a file it holds open for open_file_cache_valid (1 s)
    while b"A corrected headline, through nginx" not in get(url)[2]:
        assert time.monotonic() < deadline, "the edit did not reach readers through nginx"
        time.sleep(0.1)
    assert get(url)[1]["X-Cache-Status"] == "FILE"
    assert get(nginx_front + russian.url)[1]["X-Cache-Status"] == "FILE"  # not purged: it shows nothing edited
