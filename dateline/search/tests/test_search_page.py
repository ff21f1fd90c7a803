"""The search page: morphology, «ё/е», edition isolation, filters, order, pagination, languages.

Run on SQLite and on PostgreSQL (``DATABASE_URL=postgres://...``); the Russian morphology
tests run only on PostgreSQL (SQLite FTS5 has no Russian stemmer: see the README).
"""

import re

import pytest
from django.db import connection

from .conftest import on, publish_article

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# --- morphology -------------------------------------------------------------------------


def test_english_plural_finds_singular(articles, get_search):
    for query in ["treaties", "treaty", "Treaty", "TREATIES"]:
        assert articles["montreux_title"].title in get_search("en", q=query).titles, query


def test_russian_case_forms_find_each_other(articles, get_search):
    for query in ["договор", "договора", "договоре", "ДОГОВОРОМ"]:
        page = get_search("ru", q=query)
        assert {articles["dogovore"].title, articles["dogovora"].title} <= set(page.titles), query


def test_russian_exact_form_is_found_on_every_database(articles, get_search):
    page = get_search("ru", q="договоре")
    assert articles["dogovore"].title in page.titles


def test_yo_and_ye_find_each_other_in_text_with_yo(articles, get_search):
    for query in ["ёлка", "елка", "ЕЛКА", "Ёлка", "е\u0308лка"]:  # the last one is ё decomposed (NFD)
        page = get_search("ru", q=query)
        assert articles["yolka"].title in page.titles, query
        assert "Ёлка" in page.marks, query


def test_yo_and_ye_find_each_other_in_text_with_ye(articles, get_search):
    for query in ["ёлочные", "елочные"]:
        assert articles["yelochnye"].title in get_search("ru", q=query).titles, query


def test_yo_and_morphology_together(articles, get_search):
    page = get_search("ru", q="елку")  # accusative, «е» for «ё»
    assert articles["yolka"].title in page.titles


def test_english_edition_uses_english_configuration(articles, get_search):
    """ "café" finds "cafés" with the english configuration; the russian one would not stem "cafés"."""
    page = get_search("en", q="café")
    assert articles["cafes"].title in page.titles


def test_several_words_must_all_match(articles, get_search):
    assert get_search("en", q="montreux ministers").titles == [articles["montreux_body"].title]


# --- which articles -----------------------------------------------------------------------


def test_only_the_current_edition_is_searched(articles, get_search):
    ru = get_search("ru", q="NATO")
    en = get_search("en", q="NATO")
    assert ru.titles == [articles["ru_nato"].title]
    assert en.titles == [articles["en_nato"].title]
    assert all(link.startswith("/ru/") for link in ru.links)
    assert all(link.startswith("/en/") for link in en.links)


def test_drafts_are_not_found(articles, get_search):
    assert get_search("en", q="Zanzibar").titles == []


def test_unpublished_article_leaves_results(articles, get_search):
    articles["en_nato"].unpublish()
    assert get_search("en", q="NATO").titles == []


def test_demo_reference_article_is_found_in_both_editions(articles, get_search):
    from dateline.news.models import ArticlePage

    for language, query in [("en", "Lavrov"), ("ru", "Лавров")]:
        reference = ArticlePage.objects.get(locale__language_code=language, wire_id="", dossier__isnull=False)
        assert reference.title in get_search(language, q=query).titles


# --- highlighting ---------------------------------------------------------------------------


def test_matches_are_highlighted_in_headline_and_snippet(articles, get_search):
    page = get_search("en", q="treaties")
    title = articles["montreux_title"].title
    result = next(li for li in page.tree.xpath("//li[contains(@class, 'search-result')]") if title in li.text_content())
    assert [m.text_content() for m in result.xpath(".//h2//mark")] == ["treaty"]
    page = get_search("en", q="montreux")
    snippets = [s.text_content() for s in page.tree.xpath("//p[@class='search-snippet']")]
    assert any("Montreux" in s for s in snippets)
    assert "Montreux" in page.marks


def test_russian_forms_are_highlighted(articles, get_search):
    page = get_search("ru", q="договор")
    assert {"договоре", "договора"} <= set(page.marks)


def test_markup_in_article_text_is_shown_as_text(editions, get_search):
    _, news, _ = editions["en"]
    publish_article(
        news, "Tags <b>bold</b> & treaty", "Text with &lt;script&gt;alert(1)&lt;/script&gt; treaty", on("2024-01-01")
    )
    page = get_search("en", q="treaty")
    assert not page.tree.xpath("//main//script | //main//b")
    assert "Tags <b>bold</b> & treaty" in page.titles


# --- filters, order, pagination ------------------------------------------------------------------


def test_section_filter(articles, get_search):
    assert get_search("en", q="Montreux", section="world").titles == [articles["montreux_body"].title]
    assert get_search("en", q="Montreux", section="news").titles == [articles["montreux_title"].title]


def test_unknown_section_is_reported_and_ignored(articles, get_search):
    page = get_search("en", q="Montreux", section="no-such-section")
    assert len(page.titles) == 2
    assert page.errors == ["There is no such section; searching all sections."]


def test_date_range_filter_uses_whole_days_in_agency_time(articles, get_search):
    assert get_search("en", q="Montreux", date_from="2024-04-01").titles == [articles["montreux_body"].title]
    assert get_search("en", q="Montreux", date_to="2024-03-10").titles == [articles["montreux_title"].title]
    both = get_search("en", q="Montreux", date_from="2024-03-10", date_to="2024-05-01").titles
    assert len(both) == 2
    assert get_search("en", q="Montreux", date_from="2024-03-11", date_to="2024-04-30").titles == []


def test_malformed_date_is_reported_and_ignored(articles, get_search):
    for value in ["2024-13-01", "yesterday", "2024-02-30", "01.03.2024", "x" * 5000, "2024-01-01\x00", "-1"]:
        page = get_search("en", q="Montreux", date_from=value)
        assert len(page.titles) == 2, value
        assert page.errors == ["Enter the start date as YYYY-MM-DD."], value


def test_end_before_start_is_reported(articles, get_search):
    page = get_search("en", q="Montreux", date_from="2024-05-01", date_to="2024-03-01")
    assert page.titles == [articles["montreux_body"].title]  # the start date still applies
    assert page.errors == ["The end date is before the start date and is ignored."]


def test_relevance_and_newest_first_order(articles, get_search):
    relevance = get_search("en", q="Montreux").titles
    newest = get_search("en", q="Montreux", order="newest").titles
    # the headline match ranks first; the newer body-only match comes first by date
    assert relevance == [articles["montreux_title"].title, articles["montreux_body"].title]
    assert newest == [articles["montreux_body"].title, articles["montreux_title"].title]


def test_only_the_newest_matches_are_ranked_and_the_page_says_there_are_more(articles, get_search, monkeypatch):
    """Past ``MATCHES_LIMIT`` matches a search ranks the newest ones only (a bounded plan at any archive size)."""
    monkeypatch.setattr("dateline.search.views.MATCHES_LIMIT", 1)
    relevance = get_search("en", q="Montreux")
    # The headline match would rank first, but it is the older one: only the newest match is looked at.
    assert relevance.titles == [articles["montreux_body"].title]
    assert "More than 1 articles found for “Montreux”: the newest 1 are shown." in relevance.response.content.decode()
    assert get_search("en", q="Montreux", order="newest").titles == [articles["montreux_body"].title]
    monkeypatch.setattr("dateline.search.views.MATCHES_LIMIT", 2)
    assert get_search("en", q="Montreux").titles == [articles["montreux_title"].title, articles["montreux_body"].title]
    assert "More than" not in get_search("en", q="Montreux").response.content.decode()


def test_unknown_order_is_reported(articles, get_search):
    page = get_search("en", q="Montreux", order="random()")
    assert len(page.titles) == 2
    assert page.errors == ["Unknown order; showing the most relevant first."]


def test_pagination_keeps_query_and_filters(editions, get_search):
    from dateline.search.views import RESULTS_PER_PAGE

    _, news, _ = editions["en"]
    for number in range(RESULTS_PER_PAGE + 2):
        publish_article(news, f"Harvest report {number}", "Farmers report a harvest.", on("2024-07-01", hour=number))
    first = get_search("en", q="harvest", order="newest")
    assert len(first.titles) == RESULTS_PER_PAGE
    assert first.titles[0] == f"Harvest report {RESULTS_PER_PAGE + 1}"
    next_link = first.tree.xpath("//nav[contains(@class, 'pagination')]//a[@rel='next']/@href")[0]
    assert "q=harvest" in next_link and "order=newest" in next_link and "page=2" in next_link
    second = get_search("en", q="harvest", order="newest", page="2")
    assert second.titles == ["Harvest report 1", "Harvest report 0"]
    for page_number in ["0", "-1", "abc", "99999999999999999999", "2\x00"]:
        assert get_search("en", q="harvest", order="newest", page=page_number).titles


# --- the page itself -------------------------------------------------------------------------------


def test_page_title_language_and_translation_link(articles, get_search):
    from dateline.news.models import EditionPage

    for language, word, other in [("en", "Search", "ru"), ("ru", "Поиск", "en")]:
        edition = EditionPage.objects.get(locale__language_code=language)
        page = get_search(language, q="NATO")
        assert page.tree.get("lang") == language
        assert page.tree.findtext(".//title") == f"{word} / {edition.site_name}"
        switch = page.tree.xpath("//a[contains(@class, 'lang-switch')]")[0]
        assert switch.get("hreflang") == other
        assert switch.get("href") == f"/{other}/search/?q=NATO"


def test_russian_page_has_no_english_interface_text(articles, get_search):
    page = get_search("ru", q="договоре", section="nope", date_from="bad", order="x")
    main = page.tree.xpath("//main")[0]
    texts = [t for t in main.xpath(".//text()") if t.strip()]
    texts += [v for v in main.xpath(".//@placeholder | .//@aria-label | .//option/text()")]
    latin = [t for t in texts if re.search(r"[A-Za-z]{2,}", t) and "NATO" not in t]
    assert latin == []
    assert len(page.errors) == 3


def test_english_page_has_no_russian_interface_text(articles, get_search):
    page = get_search("en", q="treaty", section="nope", date_from="bad", order="x")
    main = page.tree.xpath("//main")[0]
    texts = [t for t in main.xpath(".//text() | .//@placeholder | .//@aria-label") if t.strip()]
    assert [t for t in texts if CYRILLIC.search(t)] == []


def test_empty_query_shows_a_prompt(articles, get_search):
    page = get_search("en")
    assert page.titles == []
    assert page.tree.xpath("//main//p[@class='empty']")


def test_no_results_message(articles, get_search):
    page = get_search("en", q="xylophone")
    assert page.titles == []
    assert "Nothing found for “xylophone”." in page.tree.xpath("//main//p[@class='empty']/text()")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="records what differs on SQLite (README, 'SQLite: what differs')"
)
def test_sqlite_differences_documented_in_the_readme(articles, get_search):
    assert articles["cafes"].title in get_search("en", q="cafe").titles  # unicode61 drops Latin accents
