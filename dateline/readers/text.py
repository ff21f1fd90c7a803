"""Readers' text, normalised in one place: comments, error reports and readers' names.

Two different jobs:

* **Storing** (``clean_name``, ``clean_body``): what the reader sent, in Unicode
  NFC (UAX #15), with the characters that only disturb removed: C0/C1 control
  characters (line breaks and tabs stay in bodies; CR LF and lone CR become LF),
  the explicit bidirectional embeddings, overrides and isolates (U+202A–U+202E,
  U+2066–U+2069: they can reverse the rest of a line around the text; display
  isolates each name and body with ``<bdi>``/``dir="auto"`` instead), and
  unpaired surrogates and non-characters. A name is one line (white space runs
  become one space). ``has_visible`` says whether anything is left to see: text
  made only of white space, zero-width characters and fillers (U+200B, U+FEFF,
  U+2060, U+3164, U+180E...) is refused by the forms.
* **Matching** (``fold``): the form banned and held words are compared on, which
  no reader sees: NFKC, invisible characters and soft hyphens removed, Latin and
  Greek letters that look like Cyrillic ones replaced by them (Unicode's
  confusables table, UTS #39, from the ``confusable_homoglyphs`` package),
  case-folded, «ё» read as «е».

Lengths are counted in code points (``len`` of the NFC text), as the comment
box's counter does in the browser (``[...text].length``), never UTF-16 units.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from confusable_homoglyphs import categories as confusable_categories
from confusable_homoglyphs import confusables

#: Explicit bidirectional formatting characters (UAX #9): LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Characters of letter or symbol categories that show nothing: Hangul fillers, the Braille
#: blank, Khmer inherent vowels, the combining grapheme joiner, the Mongolian vowel separator.
INVISIBLE_GRAPHIC = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u034f\u180e\u061c")

#: Unicode general categories that can be seen on their own.
VISIBLE_CATEGORIES = frozenset({"L", "N", "P", "S"})

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_SPACES = re.compile(r"\s+")


def _keep_in_body(char: str) -> bool:
    """True for a character a stored body may contain (after line breaks became LF)."""
    if char in "\n\t":
        return True
    if char in BIDI_CONTROLS:
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):  # control characters, unpaired surrogates
        return False
    if category == "Cn" and (0xFDD0 <= ord(char) <= 0xFDEF or (ord(char) & 0xFFFE) == 0xFFFE):
        return False  # non-characters
    return True


def clean_body(text: str) -> str:
    """Return a multi-line text (comment body, error-report fields) ready to store.

    Takes any ``str``; returns it in NFC with CR LF, CR, U+2028/U+2029 and NEL as
    LF, control characters other than LF and TAB removed, bidirectional
    embeddings/overrides/isolates removed. Nothing else changes (no stripping):
    the reader's text is kept as written.
    """
    text = "".join(char for char in _LINE_BREAKS.sub("\n", text) if _keep_in_body(char))
    # NFC last: a removed character may have stood between a letter and its combining mark.
    return unicodedata.normalize("NFC", text)


def clean_name(text: str) -> str:
    """Return a one-line text (a reader's name) ready to store.

    As ``clean_body``, then every run of white space (line breaks and tabs too)
    becomes one space, and the ends are stripped.
    """
    return unicodedata.normalize("NFC", _SPACES.sub(" ", clean_body(text)).strip())


def has_visible(text: str) -> bool:
    """True when ``text`` has at least one character that shows: a letter, digit, punctuation or symbol.

    White space, format characters (zero-width space and joiners, BOM, word
    joiner, soft hyphen), combining marks with no letter and the fillers of
    ``INVISIBLE_GRAPHIC`` do not count.
    """
    return any(unicodedata.category(char)[0] in VISIBLE_CATEGORIES and char not in INVISIBLE_GRAPHIC for char in text)


def length(text: str) -> int:
    """Return the length of ``text`` in characters (Unicode code points, after ``clean_body``).

    The browser's counter counts the same (``Array.from(value).length`` with line
    breaks as one), so the reader sees the limit the server applies.
    """
    return len(clean_body(text))


#: The Russian alphabet: a look-alike target in it is preferred to a rarer Cyrillic letter.
RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


@functools.cache
def _lookalikes() -> dict[str, str]:
    """Return the table of lower-case Latin and Greek letters to the Cyrillic letters they look like.

    Built once from ``confusable_homoglyphs``' copy of Unicode's confusables.txt
    (UTS #39). Text is case-folded before the table is applied, so each Latin
    letter has one target: its own look-alike or its capital's, a letter of the
    Russian alphabet preferred (``k`` → ``к`` because ``K`` looks like ``К``;
    ``h`` → ``н`` because ``H`` looks like ``Н``; ``b`` → ``ь``). Greek letters
    go through their Latin look-alike (``ο`` → ``o`` → ``о``).
    """
    data = confusables.confusables_data

    def script(char: str) -> str:
        try:
            return confusable_categories.alias(char)
        except (TypeError, KeyError, ValueError):
            return ""

    def twin(char: str, wanted: str) -> str | None:
        for homoglyph in data.get(char, []):
            other = homoglyph["c"]
            if len(other) == 1 and script(other) == wanted and unicodedata.category(other).startswith("L"):
                return other.casefold()
        return None

    def cyrillic(char: str) -> str | None:
        candidates = [twin(char, "CYRILLIC")]
        upper = char.upper()
        if len(upper) == 1 and upper != char:
            candidates.append(twin(upper, "CYRILLIC"))
        candidates = [c for c in candidates if c]
        russian = [c for c in candidates if c in RUSSIAN_LETTERS]
        return (russian or candidates or [None])[0]

    table: dict[str, str] = {}
    for char in data:
        if len(char) != 1 or char != char.casefold() or not unicodedata.category(char).startswith("L"):
            continue
        if script(char) == "LATIN":
            target = cyrillic(char)
        elif script(char) == "GREEK":
            latin = twin(char, "LATIN") or (len(char.upper()) == 1 and twin(char.upper(), "LATIN"))
            target = cyrillic(latin) if latin else None
        else:
            continue
        if target:
            table[char] = target
    return table


def _visible_for_matching(char: str) -> bool:
    return unicodedata.category(char) not in ("Cf", "Cc", "Mn", "Me") and char not in INVISIBLE_GRAPHIC


def fold(text: str) -> str:
    """Return the form of ``text`` that banned and held words are matched on (never shown, never stored).

    NFKC (fullwidth and mathematical letters become plain ones); format and
    invisible characters removed (zero-width space and joiners, soft hyphen, BOM,
    word joiner, bidi controls, fillers, and every combining mark: stress marks,
    the combining grapheme joiner, so «й» reads as «и»); case-folded; Latin and
    Greek look-alikes replaced by their Cyrillic twins (``_lookalikes``); «ё»
    (and Latin «ë») read as «е». White space
    is kept, so whole-word matching still sees word boundaries. Apply it to the
    text and to the word alike.
    """
    table = _lookalikes()
    text = unicodedata.normalize("NFKC", text)
    # «ё» would lose its dots with the combining marks: read it as «е» first.
    text = text.replace("ё", "е").replace("Ё", "Е")
    text = "".join(char for char in unicodedata.normalize("NFD", text) if _visible_for_matching(char)).casefold()
    return unicodedata.normalize("NFC", "".join(table.get(char, char) for char in text)).replace("ё", "е")
