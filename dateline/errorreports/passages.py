"""The article text a reader sees, as plain text, and where a reported passage sits in it.

The browser (``static/errorreports/errorreports.js``) and the server build the same
plain text from an article: the lead, then the body, with a space at every block
boundary (paragraph, list item, heading, line break), character references decoded,
and every run of whitespace collapsed to one space. A report's selection and its
context (``DATELINE_ERRORREPORTS_CONTEXT_CHARS`` characters each side) are offsets
into that text, so both sides agree on what the reader selected.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.news.text import WHITESPACE, html_to_text, normalise_whitespace

#: Characters of context each side that must survive for a report to stay open (see ``passage_survives``).
SURVIVAL_CONTEXT_CHARS = 20


def article_text(article) -> str:
    """Return the plain text of an ``ArticlePage`` as the reader sees it: lead, then body.

    The same text the page shows inside ``[data-article-text]``; whitespace-normalised.
    """
    lead = normalise_whitespace(article.lead or "")
    body = html_to_text(str(article.body or ""))
    return normalise_whitespace(f"{lead} {body}")


@dataclass(frozen=True)
class Passage:
    """A selection located in an article's plain text, with its context each side (characters)."""

    selected: str
    before: str
    after: str
    start: int  # offset of the selection in the plain text (characters)


def _common_suffix_length(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix_length(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def locate_passage(text: str, selected: str, before_hint: str = "", after_hint: str = "", context_chars: int = 60):
    """Find ``selected`` in ``text`` and return a ``Passage``, or ``None`` if it does not occur.

    All strings are whitespace-normalised first. When the selection occurs more than once,
    the occurrence whose surroundings best match the reader's ``before_hint`` / ``after_hint``
    wins (longest matching context, then the first). The returned context is taken from
    ``text`` itself (at most ``context_chars`` characters each side), never from the hints.
    """
    text = normalise_whitespace(text)
    selected = normalise_whitespace(selected)
    if not selected:
        return None
    before_hint = WHITESPACE.sub(" ", before_hint or "").lstrip()
    after_hint = WHITESPACE.sub(" ", after_hint or "").rstrip()
    best = None
    best_score = -1
    start = text.find(selected)
    while start != -1:
        end = start + len(selected)
        score = _common_suffix_length(text[:start], before_hint) + _common_prefix_length(text[end:], after_hint)
        if score > best_score:
            best, best_score = start, score
        start = text.find(selected, start + 1)
    if best is None:
        return None
    end = best + len(selected)
    return Passage(
        selected=selected,
        before=text[max(0, best - context_chars) : best],
        after=text[end : end + context_chars],
        start=best,
    )


def passage_survives(text: str, selected: str, before: str, after: str) -> bool:
    """Return whether ``text`` still contains ``selected`` in (the near part of) its context.

    "Near" means the last ``SURVIVAL_CONTEXT_CHARS`` characters of ``before`` and the first
    ``SURVIVAL_CONTEXT_CHARS`` of ``after``: a correction elsewhere in the wider context
    does not hide a mistake that is still there, while correcting the selection itself
    (or the words right around it) does.
    """
    text = normalise_whitespace(text)
    selected = normalise_whitespace(selected)
    before = WHITESPACE.sub(" ", before or "")[-SURVIVAL_CONTEXT_CHARS:]
    after = WHITESPACE.sub(" ", after or "")[:SURVIVAL_CONTEXT_CHARS]
    # before/after may begin or end with a space that normalisation of text[...] keeps inside
    return f"{before}{selected}{after}".strip() in text
