"""Readers' text normalisation (dateline.readers.text) and the folded form banned words are matched on.

The table of banned-word bypasses is in dateline/comments/tests/test_banned_word_bypasses.py."""

import unicodedata

import pytest

from dateline.readers.text import clean_body, clean_name, fold, has_visible, length


@pytest.mark.parametrize(
    "text", ["\u200b", "\ufeff", "\u2060", "\u3164", "\u180e\u200c\u200d", " \n\t", "\u00ad", "\u2800", "\u0301", ""]
)
def test_invisible_text_has_nothing_visible(text):
    assert not has_visible(text)
    assert not has_visible(clean_name(text))


@pytest.mark.parametrize("text", ["a", "Я", "7", "!", "😀", "€", "ح"])
def test_visible_text(text):
    assert has_visible(text)


def test_names_are_one_nfc_line_without_controls_or_overrides():
    assert clean_name("  Анна\u202e  \n\tПетрова\x1b[31m ") == "Анна Петрова[31m"
    decomposed = "e\u0301"
    assert clean_name(decomposed) == "\u00e9"
    assert clean_name("\u2066x\u2069\u202ay\u202c") == "xy"


def test_bodies_keep_line_breaks_and_tabs_and_lose_other_controls():
    assert clean_body("a\r\nb\rc\x85d\u2028e") == "a\nb\nc\nd\ne"
    assert clean_body("col\tcol\x00\x07\x1b\x7f\x9b") == "col\tcol"
    assert clean_body("  kept as written  ") == "  kept as written  "
    assert clean_body("x\ufffey\U0010ffff") == "xy"
    assert unicodedata.is_normalized("NFC", clean_body("й".replace("й", "и\u0306")))


def test_fold_reads_yo_as_e_and_drops_invisibles():
    assert fold("ЁЛКА") == fold("елка") == "елка"
    assert fold("ду\u200bр\u00adак") == fold("дурaк") == "дурак"


def test_nfc_after_removing_what_stood_between_a_letter_and_its_mark():
    """Found by the fuzz test: an override between "A" and a combining grave left "A\u0300"."""
    assert clean_body("A\u202e\u0300") == "\u00c0"
    assert clean_name("A\x1b\u0300") == "\u00c0"


def test_length_counts_code_points_and_one_per_line_break():
    assert length("😀") == 1  # two UTF-16 units, one character
    assert length("a\r\nb") == 3
    assert length("👍🏽") == 2  # emoji and skin-tone modifier: two code points
