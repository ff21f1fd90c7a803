"""The production front end (nginx proxy_cache): the app deletes exactly the cache files of purged pages."""

import os

import pytest

from dateline.news.models import ArticlePage, EditionPage, SectionPage
from dateline.pagecache.frontends import nginx_cache_file

pytestmark = pytest.mark.django_db


def cached_by_nginx(client, url):
    """Request ``url`` as nginx does (with its cache key) and write the file nginx would keep."""
    key = f"http://testserver{url}"
    response = client.get(url, headers={"x-dateline-cache-key": key})
    assert response.status_code == 200
    path = nginx_cache_file(key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(response.content)
    return path


def test_a_change_deletes_the_nginx_files_of_the_pages_that_show_it_and_no_others(client, demo, tmp_path, settings):
    settings.DATELINE_PAGECACHE_NGINX_DIR = str(tmp_path)
    en_article = ArticlePage.objects.get(locale__language_code="en")
    ru_article = ArticlePage.objects.get(locale__language_code="ru")
    en_news = SectionPage.objects.get(locale__language_code="en")
    files = {
        "en article": cached_by_nginx(client, en_article.url),
        "en news": cached_by_nginx(client, en_news.url),
        "en home": cached_by_nginx(client, EditionPage.objects.get(locale__language_code="en").url),
        "ru article": cached_by_nginx(client, ru_article.url),
    }
    assert nginx_cache_file("http://testserver/en/") == files["en home"]
    assert files["en home"].startswith(str(tmp_path))
    en_article.title = "A corrected headline"
    en_article.save_revision().publish()
    assert {name for name, path in files.items() if not os.path.exists(path)} == {"en article", "en news", "en home"}


def test_nginx_is_told_not_to_keep_a_page_whose_render_a_purge_overtook(client, demo, tmp_path, settings):
    from unittest import mock

    from dateline.pagecache import frontends
    from dateline.pagecache.purge import purge_tags

    settings.DATELINE_PAGECACHE_NGINX_DIR = str(tmp_path)
    article = ArticlePage.objects.get(locale__language_code="en")
    key = {"x-dateline-cache-key": f"http://testserver{article.url}"}
    assert frontends.NO_CACHE_HEADER not in client.get(article.url, headers=key)
    purge_tags({f"url:{article.url}"})  # the stored copy goes; the next request renders again
    remember = frontends.remember

    def purged_meanwhile(frontend_key, tags):
        remember(frontend_key, tags)
        purge_tags({f"url:{article.url}"})  # an edit that lands after the render read the page

    with mock.patch.object(frontends, "remember", purged_meanwhile):
        response = client.get(article.url, headers=key)
    assert response.status_code == 200
    assert response[frontends.NO_CACHE_HEADER] == "0"


INDEX_SCRIPT = """
import os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "dateline.settings.test"
django.setup()
from django.conf import settings
settings.CACHES["pages"] = {"BACKEND": "diskcache.DjangoCache", "LOCATION": sys.argv[1]}
from dateline.pagecache.frontends import remember_member
for number in range(int(sys.argv[3])):
    remember_member(f"{sys.argv[2]}-{number}", ["page:1", "url:/en/"])
"""


def test_processes_recording_pages_at_once_lose_none_of_them(tmp_path, settings):
    """Without Redis the index is a set per tag in the diskcache store: four processes adding to the same
    tags at once keep every member (a read-modify-write outside a transaction lost some)."""
    import subprocess
    import sys

    from django.core.cache import caches

    from dateline.pagecache.frontends import INDEX_PREFIX

    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    writers = [
        subprocess.Popen([sys.executable, "-c", INDEX_SCRIPT, str(tmp_path), f"w{n}", "60"], env=env) for n in range(4)
    ]
    assert [writer.wait(120) for writer in writers] == [0, 0, 0, 0]
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "diskcache.DjangoCache", "LOCATION": str(tmp_path)}}
    caches._settings = None
    if hasattr(caches._connections, "pages"):
        del caches._connections.pages
    try:
        expected = {f"w{n}-{number}" for n in range(4) for number in range(60)}
        assert caches["pages"].get(INDEX_PREFIX + "page:1") == expected
        assert caches["pages"].get(INDEX_PREFIX + "url:/en/") == expected
    finally:
        del caches._connections.pages
