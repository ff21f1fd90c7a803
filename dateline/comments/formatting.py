"""Turning a stored plain-text comment into safe HTML: escaped, line breaks kept, links clickable."""

from __future__ import annotations

import nh3
from django.utils.formats import number_format
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

LINK_REL = "nofollow ugc"
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def comment_html(body: str) -> SafeString:
    """Return the HTML of a comment ``body`` (plain text as the reader sent it).

    Every character of the reader's is escaped first, so no markup of theirs is ever
    live; then web addresses become links (Django's ``urlize``), paragraphs and line
    breaks become ``<p>``/``<br>``, and nh3 (the ammonia sanitiser) keeps only
    ``<p>``, ``<br>`` and ``<a href>`` with http, https or mailto addresses, adding
    ``rel="nofollow ugc"`` to every link (Google's user-generated-content convention).
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    linked = urlize(text, nofollow=False, autoescape=True)
    html = linebreaks(linked, autoescape=False)
    return mark_safe(  # noqa: S308 - nh3 output: only p, br and a[href] survive
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )


def comment_count_label(count: int) -> str:
    """Return "N comments" in the active language, with the right plural form (Russian has three)."""
    if count == 0:
        return gettext("No comments yet")
    return ngettext("%(count)s comment", "%(count)s comments", count) % {
        "count": number_format(count, force_grouping=True)
    }
