"""A request with the wrong method gets a 405 with a message in the page's language."""

import pytest


@pytest.mark.parametrize(
    "language, text",
    [("en", "This address does not accept that kind of request."), ("ru", "Этот адрес не принимает такой запрос.")],
)
def test_wrong_method_gets_a_message_in_the_page_language(client, en_article, ru_article, language, text):
    article = en_article if language == "en" else ru_article
    response = client.delete(f"/{language}/-/reader/state/{article.pk}/", HTTP_ACCEPT="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["error"] == {"code": "method_not_allowed", "message": text}
    plain = client.put(f"/{language}/-/reader/state/{article.pk}/")
    assert plain.status_code == 405
    assert plain.content.decode() == text
