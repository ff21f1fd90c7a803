"""Banned words are matched on the folded form (readers.text.fold): every known bypass is held."""

import pytest

from dateline.comments.moderation import find_banned_word
from dateline.readers.text import fold

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
