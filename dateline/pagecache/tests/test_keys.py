"""The store key of a request follows the settings it depends on, also when they change at run time."""

from dateline.pagecache.store import cache_key

ENVIRON = {"REQUEST_METHOD": "GET", "PATH_INFO": "/en/news/", "HTTP_HOST": "news.example", "wsgi.url_scheme": "http"}


def test_the_key_follows_changed_settings(settings):
    key = cache_key(dict(ENVIRON))
    assert key is not None
    settings.DATELINE_PAGECACHE_EXCLUDED_PREFIXES = ("/en/",)
    assert cache_key(dict(ENVIRON)) is None
    settings.DATELINE_PAGECACHE_EXCLUDED_PREFIXES = ("/admin/",)
    assert cache_key(dict(ENVIRON)) == key
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert cache_key({**ENVIRON, "HTTP_X_FORWARDED_PROTO": "https"}) != key
    settings.SESSION_COOKIE_NAME = "newsroom"
    assert cache_key({**ENVIRON, "HTTP_COOKIE": "newsroom=abc"}) is None
    assert cache_key({**ENVIRON, "HTTP_COOKIE": "sessionid=abc"}) == key


def test_a_language_without_a_url_prefix_comes_from_the_cookie_or_accept_language(settings):
    root = {**ENVIRON, "PATH_INFO": "/sitemap.xml"}
    assert cache_key({**root, "HTTP_ACCEPT_LANGUAGE": "ru"}) != cache_key({**root, "HTTP_ACCEPT_LANGUAGE": "en"})
    settings.LANGUAGE_COOKIE_NAME = "lang"
    assert cache_key({**root, "HTTP_COOKIE": "lang=ru"}) == cache_key({**root, "HTTP_ACCEPT_LANGUAGE": "ru"})
