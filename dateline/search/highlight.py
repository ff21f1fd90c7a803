"""Highlighting the words a reader searched for in headlines and text snippets.

Matching follows the search itself: words are compared by their Snowball stem (the
algorithm of PostgreSQL's ``english_stem``/``russian_stem`` dictionaries), Latin words
with the English stemmer, Cyrillic words with the Russian one, case- and «ё/е»-insensitive.
So «договор» highlights «договора» and «договоре», "treaties" highlights "treaty".

Output is safe HTML built only from escaped text and ``<mark>`` elements: the text is
split into words and gaps, each piece is escaped, matched words are wrapped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.news.text import fold_yo

#: Length of a result's text snippet, in characters (before the ellipses).
SNIPPET_LENGTH = 240
#: Characters of text shown before the first match in a snippet.
SNIPPET_LEAD_IN = 60

_WORD_RE = re.compile(r"[^\W_]+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_STEMMERS = {
    "english": snowballstemmer.stemmer("english"),
    "russian": snowballstemmer.stemmer("russian"),
}


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """Return the Snowball stem of one word (lower-cased, «ё» folded; Cyrillic → Russian, else English)."""
    word = fold_yo(word.lower())
    language = "russian" if _CYRILLIC_RE.search(word) else "english"
    return _STEMMERS[language].stemWord(word)


def _mark(text: str, stems: frozenset[str]) -> str:
    """Escape ``text`` and wrap each word whose stem is in ``stems`` in ``<mark>``."""
    out: list[str] = []
    position = 0
    for match in _WORD_RE.finditer(text):
        if stem(match.group()) in stems:
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def term_stems(terms: list[str]) -> frozenset[str]:
    """Return the stems of the query terms (see :func:`stem`)."""
    return frozenset(stem(term) for term in terms)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return ``text`` (plain text, e.g. a headline) escaped, with the words matching ``terms`` in ``<mark>``."""
    return mark_safe(_mark(text or "", term_stems(terms)))  # noqa: S308 - built from escaped pieces only


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """Return about ``length`` characters of plain ``text`` around the first word matching ``terms``.

    The window starts ``SNIPPET_LEAD_IN`` characters before that word (or at the start of
    the text when nothing matches), is cut at word boundaries, marked with "…" where text
    was cut off, escaped, and has every matching word wrapped in ``<mark>``.
    """
    text = text or ""
    stems = term_stems(terms)
    first = next((m.start() for m in _WORD_RE.finditer(text) if stem(m.group()) in stems), 0)
    start = max(0, first - SNIPPET_LEAD_IN)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    window = text[start:end].strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + _mark(window, stems) + escape(suffix))  # noqa: S308 - escaped pieces only
