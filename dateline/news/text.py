"""Plain text from article markup, and the «ё» folding of Russian text.

One HTML → text for the whole project: search snippets, the spelling-error
reports' passages, the search index and the wire importer all read an article
the way a reader sees it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements that start a new line in the rendered article (a break in the plain text).
BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote br dd div dl dt embed figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
#: Elements whose content a reader never sees as text.
HIDDEN_ELEMENTS = frozenset("script style template noscript".split())

#: A run of whitespace, including no-break spaces and the byte-order mark.
WHITESPACE = re.compile(r"[\s\ufeff]+")
_BREAK = "\x00"  # block boundary marker; the HTML parser never yields NUL from markup text we keep


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space and strip the ends."""
    return WHITESPACE.sub(" ", text).strip()


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth += 1
        elif tag in BLOCK_ELEMENTS:
            self.parts.append(_BREAK)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_ELEMENTS:
            self.parts.append(_BREAK)

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BLOCK_ELEMENTS:
            self.parts.append(_BREAK)

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data.replace(_BREAK, ""))


def html_to_text(html: str | None, separator: str = " ") -> str:
    """Return the text a reader sees in an HTML fragment (rich text).

    Block elements (``BLOCK_ELEMENTS``: paragraphs, headings, list items, line
    breaks...) end a block; inline markup (links, emphasis) disappears without a
    space; character references are decoded; scripts and styles are dropped.
    Each block is whitespace-normalised, empty blocks are dropped and the rest
    are joined with ``separator`` (a space by default: one line of text;
    ``"\\n\\n"`` keeps paragraphs). ``None`` or "" give "".
    """
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    blocks = (normalise_whitespace(block) for block in "".join(parser.parts).split(_BREAK))
    return separator.join(block for block in blocks if block)


def fold_yo(text: str) -> str:
    """Return ``text`` with «ё»/«Ё» written as «е»/«Е» (Russian texts use either spelling)."""
    return text.replace("ё", "е").replace("Ё", "Е")
