"""The article page is the same for every reader; the reader's state comes from a small request."""

from dateline.ratelimit import RateLimitExceeded, hit
from dateline.readers.tokens import READER_COOKIE, get_reader_id


def test_article_page_is_cacheable_and_sets_no_cookie(client, en_article):
    response = client.get(en_article.url)
    assert response.status_code == 200
    assert response.cookies == {}
    assert "public" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert b"csrfmiddlewaretoken" not in response.content


def test_state_gives_csrf_token_and_reader_cookie(client, en_article):
    response = client.get(f"/en/-/reader/state/{en_article.pk}/")
    assert response.status_code == 200
    assert response.json()["csrfToken"]
    assert READER_COOKIE in response.cookies
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_state_keeps_an_existing_reader(client, en_article):
    first = client.get(f"/en/-/reader/state/{en_article.pk}/")
    second = client.get(f"/en/-/reader/state/{en_article.pk}/")
    assert READER_COOKIE in first.cookies
    assert READER_COOKIE not in second.cookies  # already set, not replaced


def test_forged_reader_cookie_is_ignored(rf):
    request = rf.get("/")
    request.COOKIES[READER_COOKIE] = "0123456789abcdef0123456789abcdef"
    assert get_reader_id(request) is None


def test_state_of_unknown_article_is_404(client, demo):
    assert client.get("/en/-/reader/state/999999/").status_code == 404


def test_rate_limit_refuses_past_the_limit():
    for _ in range(3):
        hit("test", "key", limit=3, window=60)
    try:
        hit("test", "key", limit=3, window=60)
    except RateLimitExceeded as exc:
        assert 0 < exc.retry_after <= 60
    else:
        raise AssertionError("the fourth hit should be refused")


def test_every_reader_page_kind_is_publicly_cacheable(client, en_article):
    tag = en_article.tags.first()
    urls = {
        "edition": "/en/",
        "section": en_article.get_parent().url,
        "dossier": en_article.dossier.url,
        "tag": f"/en/tags/{tag.slug}/",
        "edition feed": "/en/feed/rss/",
        "section feed": en_article.get_parent().url + "feed/atom/",
    }
    for kind, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, kind
        assert "public" in response.get("Cache-Control", ""), kind
        assert response.cookies == {}, kind
