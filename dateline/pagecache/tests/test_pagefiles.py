"""Page files: the app writes a reader page as a file nginx sends, only when nginx would send it as the app does,
and deletes exactly the files of the pages a change shows on."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from dateline.news.models import ArticlePage, EditionPage, SectionPage
from dateline.pagecache import pagefiles
from dateline.pagecache.purge import purge_tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def files_dir(tmp_path, settings):
    """Page files on, in ``tmp_path``, with the headers of the site's pages written as a deploy does."""
    settings.DATELINE_PAGECACHE_NGINX_FILES_DIR = str(tmp_path)
    call_command("pagecache_headers", "--host", "testserver", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return tmp_path


def page_file(root: Path, url: str) -> Path:
    return root / "http" / "testserver" / url.strip("/") / "index.html"


def test_a_reader_page_is_written_as_the_file_nginx_looks_for(client, demo, files_dir):
    article = ArticlePage.objects.get(locale__language_code="ru")
    response = client.get(article.url)
    assert response.status_code == 200
    path = page_file(files_dir, article.url)
    assert path.read_bytes() == response.content
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    assert pagefiles.file_path("http", "testserver", article.url) == str(path)
    conf = (files_dir / pagefiles.HEADERS_CONF).read_text()
    assert 'add_header x-content-type-options "nosniff";' in conf
    assert "content-security-policy" in conf and "content-language" not in conf and "etag" not in conf


def test_no_file_when_the_pages_headers_are_not_those_nginx_adds(client, demo, files_dir):
    headers = json.loads((files_dir / pagefiles.HEADERS_JSON).read_text())
    changed = [[name, "default-src 'none'" if name == "content-security-policy" else value] for name, value in headers]
    pagefiles.write_headers(str(files_dir), [tuple(pair) for pair in changed])
    article = ArticlePage.objects.get(locale__language_code="en")
    assert client.get(article.url).status_code == 200
    assert not page_file(files_dir, article.url).exists()


def test_no_file_before_the_headers_are_written(client, demo, tmp_path, settings):
    settings.DATELINE_PAGECACHE_NGINX_FILES_DIR = str(tmp_path)
    article = ArticlePage.objects.get(locale__language_code="en")
    assert client.get(article.url).status_code == 200
    assert not page_file(tmp_path, article.url).exists()


def test_only_anonymous_html_pages_without_a_query_get_a_file(client, admin_client, demo, files_dir):
    edition = EditionPage.objects.get(locale__language_code="en")
    article = ArticlePage.objects.get(locale__language_code="en")
    assert client.get(f"{edition.url}?page=2").status_code in (200, 404)
    assert client.get(f"{edition.url}feed/rss/").status_code == 200
    assert admin_client.get(article.url).status_code == 200
    assert not page_file(files_dir, article.url).exists()
    written = {p.relative_to(files_dir).as_posix() for p in files_dir.rglob("index.html")}
    assert written == set(), written  # the RSS feed is XML, the query page and the editor's page are not shared


def test_a_change_deletes_the_files_of_the_pages_that_show_it_and_no_others(client, demo, files_dir):
    en_article = ArticlePage.objects.get(locale__language_code="en")
    urls = {
        "en article": en_article.url,
        "en news": SectionPage.objects.get(locale__language_code="en").url,
        "en home": EditionPage.objects.get(locale__language_code="en").url,
        "ru article": ArticlePage.objects.get(locale__language_code="ru").url,
    }
    for url in urls.values():
        assert client.get(url).status_code == 200
        assert page_file(files_dir, url).exists(), url
    en_article.title = "A corrected headline"
    en_article.save_revision().publish()
    gone = {name for name, url in urls.items() if not page_file(files_dir, url).exists()}
    assert gone == {"en article", "en news", "en home"}
    response = client.get(en_article.url)
    assert b"A corrected headline" in response.content
    assert page_file(files_dir, en_article.url).read_bytes() == response.content


def test_a_purge_during_the_render_leaves_no_file(client, demo, files_dir):
    article = ArticlePage.objects.get(locale__language_code="en")
    servable = pagefiles.servable

    def purged_meanwhile(request, entry):
        purge_tags({f"url:{request.path}"})  # an edit that lands after the render read the page
        return servable(request, entry)

    with mock.patch.object(pagefiles, "servable", purged_meanwhile):
        assert client.get(article.url).status_code == 200
    assert not page_file(files_dir, article.url).exists()
    assert client.get(article.url).status_code == 200
    assert page_file(files_dir, article.url).exists()


def test_the_sweep_deletes_files_older_than_the_safety_net(client, demo, files_dir, settings):
    settings.DATELINE_PAGECACHE_NGINX_SECONDS = 600
    old, new = (ArticlePage.objects.get(locale__language_code=code).url for code in ("en", "ru"))
    for url in (old, new):
        assert client.get(url).status_code == 200
    stale = time.time() - 601
    os.utime(page_file(files_dir, old), (stale, stale))
    leftover = page_file(files_dir, new).parent / ".page-crashed"
    leftover.write_bytes(b"half a page")
    os.utime(leftover, (stale, stale))
    assert pagefiles.sweep() == 2
    assert not page_file(files_dir, old).exists() and not leftover.exists()
    assert page_file(files_dir, new).exists()
    assert (files_dir / pagefiles.HEADERS_CONF).exists()


@pytest.mark.parametrize(
    ("scheme", "host", "path", "expected"),
    [
        ("http", "Example.org:8000", "/en/news/a/", "http/example.org/en/news/a/index.html"),
        ("https", "example.org", "/ru/новости/", "https/example.org/ru/новости/index.html"),
        ("http", "example.org", "/en/news/a", None),  # nginx tries ${uri}index.html only for a directory
        ("http", "example.org", "/en/../etc/", None),
        ("http", "example.org", "/en//a/", None),
        ("http", "[::1]:8000", "/en/", None),
        ("ftp", "example.org", "/en/", None),
    ],
)
def test_file_paths_follow_nginx_and_never_leave_the_directory(settings, tmp_path, scheme, host, path, expected):
    settings.DATELINE_PAGECACHE_NGINX_FILES_DIR = str(tmp_path)
    found = pagefiles.file_path(scheme, host, path)
    assert found == (str(tmp_path / expected) if expected else None)


def test_header_values_nginx_cannot_send_verbatim_are_refused(tmp_path):
    with pytest.raises(ValueError, match="verbatim"):
        pagefiles.write_headers(str(tmp_path), [("link", '</a$b>; rel="x"')])
    assert not (tmp_path / pagefiles.HEADERS_CONF).exists()


def test_the_policy_is_compared_whatever_the_order_of_its_directives():
    first = [("Content-Security-Policy", "script-src 'self'; default-src 'self'"), ("X-Frame-Options", "DENY")]
    second = [("X-Frame-Options", "DENY"), ("Content-Security-Policy", "default-src 'self'; script-src 'self'")]
    assert pagefiles.policy_headers(first) == pagefiles.policy_headers(second)


def test_the_worker_sweeps_every_minute_and_nothing_without_page_files(settings):
    from dateline.worker import periodic

    found = {job.name: job.interval for job in periodic.discover()}
    assert found["dateline.pagecache.tasks.sweep_page_files"] == 60
    settings.DATELINE_PAGECACHE_NGINX_FILES_DIR = ""
    assert pagefiles.sweep(max_age=0) == 0


def test_the_sweep_keeps_at_most_the_newest_files_allowed(client, demo, files_dir, settings):
    urls = [ArticlePage.objects.get(locale__language_code=code).url for code in ("en", "ru")]
    urls.append(EditionPage.objects.get(locale__language_code="en").url)
    for age, url in zip((300, 200, 100), urls, strict=True):
        assert client.get(url).status_code == 200
        when = time.time() - age
        os.utime(page_file(files_dir, url), (when, when))
    settings.DATELINE_PAGECACHE_NGINX_FILES_MAX = 2
    assert pagefiles.sweep() == 1
    assert [page_file(files_dir, url).exists() for url in urls] == [False, True, True]
