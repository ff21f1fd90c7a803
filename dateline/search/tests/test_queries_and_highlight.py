"""Query cleaning and highlighting, without a database."""

import lxml.html

from dateline.search.highlight import SNIPPET_LENGTH, highlight, snippet, stem
from dateline.search.queries import MAX_QUERY_LENGTH, MAX_QUERY_TERMS, clean_query, fold_yo, query_terms


def marks_of(markup: str) -> list[str]:
    return [m.text_content() for m in lxml.html.fragment_fromstring(markup, create_parent="div").iter("mark")]


def text_of(markup: str) -> str:
    return lxml.html.fragment_fromstring(markup, create_parent="div").text_content()


def test_clean_query_cuts_and_strips_control_characters():
    assert clean_query(None) == ""
    assert clean_query("a" * 10_000) == "a" * MAX_QUERY_LENGTH
    assert clean_query("treaty\x00talks\n\t now") == "treaty talks now"
    assert "\x00" not in clean_query("\x00" * 500)
    assert clean_query("е\u0308лка") == "ёлка"  # NFC


def test_query_terms_keep_only_words():
    assert query_terms('"treaty" OR talks* NEAR(x') == ["treaty", "or", "talks", "near", "x"]
    assert query_terms("'; DROP TABLE x; --") == ["drop", "table", "x"]
    assert query_terms("?!.,;:—…«»_%*") == []
    assert query_terms("Ёлка ёлка ЕЛКА") == ["елка"]
    assert len(query_terms(" ".join(f"w{n}" for n in range(100)))) == MAX_QUERY_TERMS


def test_fold_yo():
    assert fold_yo("Ёж и ёлка") == "Еж и елка"


def test_stems_follow_snowball():
    assert stem("treaties") == stem("treaty") == stem("Treaty")
    assert stem("договора") == stem("договоре") == stem("договор")
    assert stem("ёлку") == stem("елка")


def test_highlight_escapes_and_marks_only_words():
    markup = highlight('Tom & Jerry <b class="treaty">treaties</b> amp', ["treaty", "amp"])
    assert text_of(markup) == 'Tom & Jerry <b class="treaty">treaties</b> amp'
    assert marks_of(markup) == ["treaty", "treaties", "amp"]
    assert "<b" not in markup
    tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert [element.tag for element in tree.iter()] == ["div", "mark", "mark", "mark"]


def test_highlight_russian_forms_and_yo():
    markup = highlight("Текст договора и ёлка", ["договор", "елка"])
    assert marks_of(markup) == ["договора", "ёлка"]


def test_snippet_is_a_window_around_the_first_match():
    text = "Opening words. " * 40 + "The treaty was signed in Moscow. " + "Closing words. " * 40
    markup = snippet(text, ["treaty"])
    plain = text_of(markup)
    assert plain.startswith("… ") and plain.endswith(" …")
    assert len(plain) <= SNIPPET_LENGTH + 4
    assert marks_of(markup) == ["treaty"]


def test_snippet_without_match_starts_at_the_beginning():
    markup = snippet("Short text <with> markup.", ["absent"])
    assert text_of(markup) == "Short text <with> markup."
    assert marks_of(markup) == []
