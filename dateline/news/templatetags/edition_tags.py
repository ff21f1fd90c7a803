"""Template tags of an article's neighbours: its translation and original, x-default, the 404's latest news."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

register = template.Library()

#: "Read in <language>", each shown in the language it names.
READ_IN = {"en": _("Read in English"), "ru": _("Read in Russian")}


@dataclass(frozen=True)
class TranslationLink:
    """A link to the live translation of a page: ``language`` code, ``label`` in that language, ``url``."""

    language: str
    label: str
    url: str


@register.simple_tag
def article_translation(page) -> TranslationLink | None:
    """Return the link to the live translation of ``page`` in the other edition, labelled in its own
    language («Читать на русском» on the English page, "Read in English" on the Russian one);
    ``None`` when there is none (the header's language switch then leads to the other edition's home)."""
    if not page.pk:
        return None
    for other in page.live_versions:  # the page's public versions, read once per page (``NewsPage.live_versions``)
        if other.locale_id == page.locale_id:
            continue
        code = other.locale.language_code
        with translation.override(code):
            label = str(READ_IN.get(code) or dict(settings.LANGUAGES).get(code, code))
        return TranslationLink(code, label, other.url)
    return None


@register.simple_tag
def original_article(page):
    """Return the live article ``page`` was translated from (its ``translated_from`` locale), or ``None``."""
    if not getattr(page, "translated_from_id", None) or not page.pk:
        return None
    return next((other for other in page.live_versions if other.locale_id == page.translated_from_id), None)


@register.simple_tag
def x_default(alternates) -> str:
    """Return the URL for ``hreflang="x-default"``: the version in ``LANGUAGE_CODE``, else the first; "" if none.

    ``alternates`` is the list of (language code, full URL) of the page's versions.
    """
    alternates = list(alternates or [])
    for code, url in alternates:
        if code == settings.LANGUAGE_CODE:
            return url
    return alternates[0][1] if alternates else ""


@register.simple_tag
def latest_articles(edition, limit: int = 5) -> list:
    """Return the ``limit`` newest live articles of ``edition`` ([] without an edition), e.g. for the 404 page."""
    if edition is None:
        return []
    # Every page under an edition is in its language; a condition on the locale made SQLite read the
    # whole edition through the locale index and sort it (21 ms at 1,000 articles) instead of walking
    # the publish-time index.
    return list(edition.articles()[:limit])
