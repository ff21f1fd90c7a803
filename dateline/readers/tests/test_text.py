"""Readers' text normalisation (dateline.readers.text) and the folded form banned words are matched on."""

import unicodedata

import pytest

from dateline.comments.moderation import find_banned_word
from dateline.readers.text import clean_body, clean_name, fold, has_visible, length

BANNED = ["дурак", "idiot", "casino online"]

# (what a reader types to get past the list, the word it must still hit)
BYPASSES = [
    ("ду\u200bрак", "дурак"),  # zero-width space
    ("ду\u00adрак", "дурак"),  # soft hyphen
    ("дурaк", "дурак"),  # Latin a
    ("дураk", "дурак"),  # Latin k
    ("ДУРAK", "дурак"),  # capitals, Latin A and K
    ("дур\u200cа\u200dк", "дурак"),  # zero-width non-joiner and joiner
    ("\ufeffдурак\u2060", "дурак"),  # BOM and word joiner around it
    ("д\u034fурак", "дурак"),  # combining grapheme joiner
    ("дура\u0301к", "дурак"),  # a stress mark
    ("дурa\u200bk", "дурак"),  # several tricks at once
    ("д\u0443рак".replace("у", "y"), "дурак"),  # Latin y for у
    ("дуpак", "дурак"),  # Latin p for р
    ("ДУ\u00adРАК!", "дурак"),  # capitals, soft hyphen, punctuation after
    ("сам дурак.", "дурак"),
    ("ｉｄｉｏｔ", "idiot"),  # fullwidth letters (NFKC)
    ("𝐢𝐝𝐢𝐨𝐭", "idiot"),  # mathematical bold letters (NFKC)
    ("іdіоt", "idiot"),  # Cyrillic і and о in a Latin word
    ("idιοt", "idiot"),  # Greek iota and omicron
    ("ID\u200bIOT", "idiot"),
    ("casino\u00a0online", "casino online"),  # no-break space between the words
    ("cаsino  оnline", "casino online"),  # Cyrillic а and о, two spaces
]


@pytest.mark.parametrize(("text", "word"), BYPASSES)
def test_every_known_bypass_is_held(text, word):
    assert find_banned_word(f"Текст: {text}", BANNED) == word


@pytest.mark.parametrize("text", ["дураки", "дуракам", "idiotic", "casino", "Всё хорошо", "kind words", "Дурацкий"])
def test_whole_words_only_and_ordinary_words_pass(text):
    assert find_banned_word(text, BANNED) is None


def test_yo_is_read_as_e():
    assert fold("ЁЛКА") == fold("елка") == "елка"
    assert find_banned_word("Это ёлка", ["елка"]) == "елка"
    assert find_banned_word("Это елка", ["ёлка"]) == "ёлка"


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


def test_nfc_after_removing_what_stood_between_a_letter_and_its_mark():
    """Found by the fuzz test: an override between "A" and a combining grave left "A\u0300"."""
    assert clean_body("A\u202e\u0300") == "\u00c0"
    assert clean_name("A\x1b\u0300") == "\u00c0"


def test_length_counts_code_points_and_one_per_line_break():
    assert length("😀") == 1  # two UTF-16 units, one character
    assert length("a\r\nb") == 3
    assert length("👍🏽") == 2  # emoji and skin-tone modifier: two code points
