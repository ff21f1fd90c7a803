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
