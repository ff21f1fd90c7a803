"""Wire HTML into Wagtail rich text: sanitised with nh3, restructured into blocks.

What survives (the allowlist of the issue): ``p``, ``h2``–``h4``, ``ul``/``ol``/``li``,
``blockquote``, ``a[href]`` (http, https, mailto; relative links made absolute
against the source URL, others dropped), ``strong``/``em``/``b``/``i``, ``br``.
Scripts, styles and other non-content elements go with their content; layout
containers (``div``, tables, figures) are unwrapped and their loose text becomes
paragraphs; ``h1`` becomes ``h2`` (dropped when it repeats the headline);
``h5``/``h6`` become ``h4``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html
import nh3

from dateline.news.text import html_to_text

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "strong", "em", "b", "i", "br"}
ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
DROPPED_WITH_CONTENT = {
    "script", "style", "title", "noscript", "iframe", "template", "svg", "math", "button", "form",
    "select", "textarea", "object", "embed", "audio", "video", "canvas", "nav", "aside", "footer",
}  # fmt: skip
# First pass keeps structure (blocks, containers, inline) so the second can rebuild paragraphs.
STRUCTURE_TAGS = ALLOWED_TAGS | {
    "h1", "h5", "h6", "div", "section", "article", "main", "header", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd", "pre", "code", "span",
    "u", "s", "del", "ins", "sub", "sup", "small", "big", "mark", "cite", "q", "abbr", "time", "font",
    "center", "hr", "address",
}  # fmt: skip
BLOCKS_KEPT = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote"}
BLOCKS_AS_PARAGRAPH = {"td", "th", "dt", "dd", "figcaption", "pre", "caption", "li", "address"}
CONTAINERS = {"div", "section", "article", "main", "header", "figure", "table", "thead", "tbody", "tfoot", "tr", "dl"}
HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
SPACES = re.compile(r"\s+")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”]?\s+(?=[\"'«“„(]?[A-ZА-ЯЁ0-9])")
LEAD_MAX_CHARS = 300
LEAD_MIN_CHARS = 60


def _href_filter(base_url: str):
    def attribute_filter(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            url = urljoin(base_url, value.strip()) if base_url else value.strip()
            return url if url.lower().startswith(ALLOWED_SCHEMES) else None
        return value

    return attribute_filter


def _collapse(text: str | None) -> str:
    return SPACES.sub(" ", text or "").strip()


def sanitise_body_html(html: str, base_url: str = "", title: str = "") -> str:
    """Return ``html`` as Wagtail rich text: allowlisted blocks only, no empty paragraphs.

    ``base_url`` resolves relative links (without it relative links stay relative);
    ``title`` is the headline, dropped when a top-level heading repeats it.
    Returns ``""`` when no text survives.
    """
    if not html or not html.strip():
        return ""
    rough = nh3.clean(
        html,
        tags=STRUCTURE_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}},
        link_rel=None,
        strip_comments=True,
    )
    root = lxml.html.fragment_fromstring(rough or "<p></p>", create_parent="div")
    blocks: list[str] = []
    _collect_blocks(root, blocks, _collapse(title).casefold())
    joined = "".join(blocks)
    clean = nh3.clean(
        joined,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        attribute_filter=_href_filter(base_url),
        link_rel=None,
        strip_comments=True,
    )
    return clean.strip()


def _collect_blocks(container, blocks: list[str], title_key: str) -> None:
    """Append the block-level HTML of ``container``'s children to ``blocks``."""
    pending: list[str] = []

    def flush() -> None:
        inline = "".join(pending).strip()
        pending.clear()
        if _collapse(lxml.html.fragment_fromstring(f"<p>{inline}</p>").text_content()):
            blocks.append(f"<p>{inline}</p>")

    if container.text:
        pending.append(_escape(container.text))
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        tail = child.tail
        child.tail = None
        if tag in CONTAINERS:
            flush()
            _collect_blocks(child, blocks, title_key)
        elif tag in BLOCKS_KEPT or tag in HEADING_MAP:
            flush()
            text = _collapse(child.text_content())
            if tag in HEADING_MAP:
                if tag == "h1" and text.casefold() == title_key:
                    text = ""
                child.tag = HEADING_MAP[tag]
            if text:
                blocks.append(lxml.html.tostring(child, encoding="unicode"))
        elif tag in BLOCKS_AS_PARAGRAPH:
            flush()
            child.tag = "p"
            if _collapse(child.text_content()):
                blocks.append(lxml.html.tostring(child, encoding="unicode"))
        elif tag == "hr":
            flush()
        elif tag:
            pending.append(lxml.html.tostring(child, encoding="unicode"))
        if tail:
            pending.append(_escape(tail))
    flush()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraphs_text(html: str) -> str:
    """Plain text of rich-text ``html``: block texts separated by blank lines (see ``news.text.html_to_text``)."""
    return html_to_text(html, separator="\n\n")


def lead_from_text(text: str, max_chars: int = LEAD_MAX_CHARS) -> str:
    """The first sentence(s) of ``text``: at least 60 and at most ``max_chars`` characters when possible.

    A first paragraph shorter than a sentence is taken whole; an over-long
    sentence is cut at a word boundary and ends with "…".
    """
    paragraph = next((_collapse(p) for p in (text or "").split("\n\n") if _collapse(p)), "")
    sentences = SENTENCE_END.split(paragraph)
    lead = ""
    for sentence in sentences:
        candidate = f"{lead} {sentence}".strip()
        if lead and len(candidate) > max_chars:
            break
        lead = candidate
        if len(lead) >= LEAD_MIN_CHARS:
            break
    if len(lead) > max_chars:
        lead = lead[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"
    return lead


def lead_from_html(html: str, max_chars: int = LEAD_MAX_CHARS) -> str:
    """The lead of rich-text ``html``: ``lead_from_text`` of its first paragraph of 60+ characters.

    Skips headings, lists and short lines (datelines, "941 comments"); falls back
    to the whole text when no paragraph is that long.
    """
    if not html or not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for block in root:
        if block.tag == "p":
            text = _collapse(block.text_content())
            if len(text) >= LEAD_MIN_CHARS:
                return lead_from_text(text, max_chars)
    return lead_from_text(paragraphs_text(html), max_chars)
