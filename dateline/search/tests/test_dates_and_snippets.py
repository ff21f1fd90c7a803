"""Search dates in the page's locale and snippets that keep paragraphs apart."""

import pytest

from .conftest import on, publish_article

pytestmark = pytest.mark.django_db


def test_html_to_text_keeps_blocks_apart():
    from dateline.news.text import html_to_text

    assert html_to_text("<p>Moscow.</p><p>We expect</p>") == "Moscow. We expect"
    assert html_to_text("<h2>Title</h2><ul><li>one</li><li>two</li></ul>line<br>break") == "Title one two line break"
    assert html_to_text("<p>in<b>line</b> &amp; more</p>") == "inline & more"


def test_snippet_does_not_run_paragraphs_together(editions, get_search):
    _, news, _ = editions["en"]
    publish_article(news, "Quiet day", "Talks ended in Moscow.</p><p>We expect more talks", on("2024-08-01"))
    page = get_search("en", q="Moscow")
    result = page.tree.xpath("//li[contains(@class, 'search-result')][.//h2//a[contains(., 'Quiet day')]]")[0]
    snippet = result.xpath(".//p[@class='search-snippet']")[0].text_content()
    assert "Moscow. We expect" in snippet and "Moscow.We" not in snippet


@pytest.mark.parametrize(("language", "placeholder"), [("ru", "ДД.ММ.ГГГГ"), ("en", "YYYY-MM-DD")])
def test_date_fields_use_the_page_locale(articles, get_search, language, placeholder):
    page = get_search(language, q="NATO")
    for name in ("date_from", "date_to"):
        field = page.tree.xpath(f"//input[@name='{name}']")[0]
        assert field.get("type") == "text" and field.get("placeholder") == placeholder
        assert field.get("inputmode") == "numeric"


def test_russian_dates_are_read_day_first_and_iso_still_works(articles, get_search):
    title = articles["ru_nato"].title  # 2024-06-01
    assert title in get_search("ru", q="NATO", date_from="01.06.2024", date_to="01.06.2024").titles
    assert title not in get_search("ru", q="NATO", date_from="02.06.2024").titles
    assert title in get_search("ru", q="NATO", date_from="2024-06-01").titles  # links made before keep working
    page = get_search("ru", q="NATO", date_from="06/01/2024")
    assert page.errors == ["Введите начальную дату в виде ДД.ММ.ГГГГ."]
    assert page.tree.xpath("//input[@name='date_from']/@value") == ["06/01/2024"]  # what the reader typed stays
