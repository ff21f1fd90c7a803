"""The article text a reader sees, as plain text, and where a reported passage sits in it.

The browser (``static/errorreports/errorreports.js``) and the server build the same
plain text from an article: the lead, then the body, with a space at every block
boundary (paragraph, list item, heading, line break), character references decoded,
and every run of whitespace collapsed to one space. A report's selection and its
context (``DATELINE_ERRORREPORTS_CONTEXT_CHARS`` characters each side) are offsets
into that text, so both sides agree on what the reader selected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements that start a new line in the rendered article (a space in the plain text).
BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote br dd div dl dt embed figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
#: Elements whose content a reader never sees as text.
HIDDEN_ELEMENTS = frozenset("script style template noscript".split())

_WHITESPACE = re.compile(r"[\s\ufeff]+")

#: Characters of context each side that must survive for a report to stay open (see ``passage_survives``).
SURVIVAL_CONTEXT_CHARS = 20


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth += 1
        elif tag in BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Return the text a reader sees in an HTML fragment (rich text), whitespace-normalised.

    Block elements become spaces, inline markup (links, emphasis) disappears without
    a space, character references are decoded, scripts and styles are dropped.
    """
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    return normalise_whitespace("".join(parser.parts))


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
    before_hint = _WHITESPACE.sub(" ", before_hint or "").lstrip()
    after_hint = _WHITESPACE.sub(" ", after_hint or "").rstrip()
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
    before = _WHITESPACE.sub(" ", before or "")[-SURVIVAL_CONTEXT_CHARS:]
    after = _WHITESPACE.sub(" ", after or "")[:SURVIVAL_CONTEXT_CHARS]
    # before/after may begin or end with a space that normalisation of text[...] keeps inside
    return f"{before}{selected}{after}".strip() in text
