"""Snowball stemming of index text and queries, for databases without a stemmer of their own (SQLite).

PostgreSQL stems with its text search configurations (``english``, ``russian``); SQLite's
FTS5 has no Russian stemmer. On SQLite, Dateline's backend (``dateline.search.backend``)
writes each article's headline and text to the index as Snowball stems in the language of
its edition, and stems the reader's query the same way, so «Женева» finds «в Женеве» and
«договор» finds «по договору», as on PostgreSQL.

Which stemmer: a Cyrillic word is stemmed with the Russian stemmer in every edition (as
PostgreSQL's ``russian`` configuration does with Latin words and English); any other word
with the stemmer of the edition's language (``LANGUAGE_STEMMERS``), English when that
language has none. Words are lower-cased and «ё» is written «е» first. The stemmers are
those of ``snowballstemmer`` (the Snowball algorithms PostgreSQL's ``*_stem`` dictionaries use).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

#: Language code of an edition → Snowball algorithm for its words.
LANGUAGE_STEMMERS = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "uk": "russian",  # no Ukrainian Snowball stemmer; Cyrillic words get the Russian one
}
#: Algorithm for words of a language without an entry above.
DEFAULT_STEMMER = "english"

_WORD_RE = re.compile(r"[^\W_]+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=16)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


def algorithm_for(word: str, language: str | None) -> str:
    """Return the Snowball algorithm for ``word`` in an edition of ``language`` (e.g. "ru", "en-gb")."""
    if _CYRILLIC_RE.search(word):
        return "russian"
    code = (language or "").lower().split("-")[0]
    algorithm = LANGUAGE_STEMMERS.get(code, DEFAULT_STEMMER)
    return DEFAULT_STEMMER if algorithm == "russian" else algorithm


@lru_cache(maxsize=65536)
def stem_word(word: str, language: str | None = None) -> str:
    """Return the stem of one word: lower-cased, «ё» written «е», Snowball-stemmed (see ``algorithm_for``)."""
    word = word.lower().replace("ё", "е")
    return _stemmer(algorithm_for(word, language)).stemWord(word)


def stem_text(text: str, language: str | None = None) -> str:
    """Return ``text`` as its words' stems separated by spaces (punctuation and markup-free text expected)."""
    return " ".join(stem_word(word, language) for word in _WORD_RE.findall(text or ""))
