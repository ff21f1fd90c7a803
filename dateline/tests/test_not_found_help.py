"""The 404 page helps the reader on: the edition's search and its latest news (other errors do not list news)."""

import lxml.html
import pytest

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return lxml.html.fromstring(response.content)


@pytest.mark.parametrize(("language", "button"), [("en", "Search"), ("ru", "Найти")])
def test_404_offers_search_and_latest_news(client, demo, language, button):
    from dateline.news.models import ArticlePage

    doc = html_of(client, f"/{language}/no-such-page/", 404)
    form = doc.xpath("//main//form[@role='search']")[0]
    assert form.get("action") == f"/{language}/search/"
    field = form.xpath(".//input[@name='q']")[0]
    assert doc.xpath(f"//label[@for='{field.get('id')}']")  # the field has a name
    assert form.xpath("string(.//button)") == button
    article = ArticlePage.objects.get(locale__language_code=language)
    assert doc.xpath("//main//section[contains(@class, 'not-found-latest')]//h3/a/@href") == [article.url]


def test_other_error_pages_do_not_list_news(demo, rf):
    from django.utils import translation

    from dateline.error_pages import permission_denied

    with translation.override("en"):
        response = permission_denied(rf.get("/en/"))
    assert b"not-found-latest" not in response.content
