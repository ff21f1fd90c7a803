"""Turning what a reader typed into search terms that no search engine can misread.

The reader's text is never handed to the search backend as syntax: it is cut to
``MAX_QUERY_LENGTH`` characters, NUL and other control characters are dropped,
«ё» is folded to «е», and only runs of letters and digits are kept as terms. Quotes,
``*``, ``NEAR(``, ``-``, parentheses and the like never reach PostgreSQL's ``to_tsquery``
or SQLite's FTS5 ``MATCH``; words such as ``OR``/``AND``/``NOT`` are searched as words.
"""

from __future__ import annotations

import re
import unicodedata

from dateline.news.text import fold_yo

#: Longest query looked at, in characters; the rest is ignored (the header's field has the same maxlength).
MAX_QUERY_LENGTH = 200
#: Most terms looked at; a query's further words are ignored.
MAX_QUERY_TERMS = 20

_TERM_RE = re.compile(r"[^\W_]+")  # letters and digits of any script, no underscore


def clean_query(raw: str | None) -> str:
    """Return the reader's query as shown back to them: at most ``MAX_QUERY_LENGTH`` characters,
    without control characters (PostgreSQL rejects NUL bytes), whitespace collapsed.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", raw[: MAX_QUERY_LENGTH * 4])
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cs", "Zl", "Zp"} else ch for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: str) -> list[str]:
    """Return the search terms of a cleaned query: lower-case words of letters/digits, «ё» folded.

    Duplicates are dropped, order kept; at most ``MAX_QUERY_TERMS`` terms. An empty list
    means there is nothing to search for (empty, punctuation only, ...).
    """
    terms: list[str] = []
    for match in _TERM_RE.finditer(fold_yo(query).lower()):
        term = match.group()
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return terms
