"""The language of a wire item: declared tags, else a cheap check of the text itself.

Declared tags (``<html lang>``, ``og:locale``, a feed's ``<language>`` or
``xml:lang``) follow BCP 47 / POSIX forms (``en-GB``, ``en_US``, ``IT-it``);
only the primary subtag is kept. The text check knows just what the editions
need: mostly Cyrillic letters means Russian, Latin text full of English
function words means English; anything else is unknown.
"""

from __future__ import annotations

import re

LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
WORD = re.compile(r"[^\W\d_]+")
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in is that for it was on with as by at from his her are be has have had "
    "this which not but were they said their an will would been who its after".split()
)
MIN_LETTERS = 20  # a text this short is not judged
CYRILLIC_SHARE = 0.5  # of the letters
ENGLISH_SHARE = 0.12  # of the words: English prose runs at 0.3-0.4, other Latin-script languages under 0.05


def normalise_language(tag: str | None) -> str:
    """Return the lower-case primary subtag of a language tag (``"en_US"`` → ``"en"``), or ``""``."""
    match = LANGUAGE_TAG.match(tag or "")
    return match.group(1).lower() if match else ""


def guess_language(text: str) -> str:
    """Guess ``"ru"`` or ``"en"`` from the letters and words of ``text``; ``""`` when unsure.

    Cyrillic letters over half of all letters → ``"ru"``; English function words
    over 12 % of the words of a Latin-script text → ``"en"``. Under 20 letters: ``""``.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return ""
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic / len(letters) > CYRILLIC_SHARE:
        return "ru"
    latin = sum(1 for ch in letters if ch.isascii())
    if latin / len(letters) < CYRILLIC_SHARE:
        return ""
    words = [word.lower() for word in WORD.findall(text)]
    english = sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS)
    return "en" if words and english / len(words) > ENGLISH_SHARE else ""
