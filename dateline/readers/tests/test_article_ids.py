"""Reader endpoints with an article id too large for the database: their own 404, never a 500."""

import pytest

from dateline.readers.articles import MAX_PAGE_ID, live_article

HUGE = "9" * 40  # beyond any database integer


def test_live_article_is_none_out_of_the_database_range(en_article):
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
