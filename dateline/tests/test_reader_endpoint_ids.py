"""Reader endpoints with an article id too large for the database: their own 404, never a 500."""

import pytest
from django.utils import translation

from dateline.news.articles import MAX_PAGE_ID, live_article

HUGE = "9" * 40  # beyond any database integer


def test_live_article_is_none_out_of_the_database_range(en_article):
    with translation.override("en"):  # another test's request may have left "ru" active
        assert live_article(en_article.pk) == en_article
        assert live_article(MAX_PAGE_ID) is None
        assert live_article(int(HUGE)) is None
        assert live_article(0) is None


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "method,path",
    [
        ("post", "-/ratings/{id}/"),
        ("post", "-/comments/{id}/new/"),
        ("post", "-/errorreports/{id}/"),
        ("get", "-/reader/state/{id}/"),
    ],
)
def test_reader_endpoints_answer_404_for_a_huge_article_id(client, demo, language, method, path):
    url = f"/{language}/" + path.format(id=HUGE)
    response = getattr(client, method)(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 404


def test_an_article_of_the_other_edition_is_not_found_through_this_prefix(client, en_article, ru_article):
    with translation.override("ru"):
        assert live_article(en_article.pk) is None
        assert live_article(ru_article.pk) == ru_article
    for url in (
        f"/ru/-/reader/state/{en_article.pk}/",
        f"/ru/-/ratings/{en_article.pk}/",
        f"/ru/-/errorreports/{en_article.pk}/",
        f"/en/-/ratings/{ru_article.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/en/-/ratings/{ru_article.pk}/", {"stars": "4"}, HTTP_ACCEPT="application/json")
    assert response.status_code in (403, 404)  # CSRF or unknown article: nothing stored either way
    from dateline.ratings.models import Vote

    assert Vote.objects.count() == 0
