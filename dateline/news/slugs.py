"""Readable Latin slugs for headlines in any script.

Cyrillic is transliterated with anyascii (Wagtail's own dependency), which
follows the common passport-style romanisation: «Лавров» becomes ``lavrov``.
"""

from anyascii import anyascii
from django.utils.text import slugify

MAX_SLUG_LENGTH = 80  # characters; Wagtail's limit is 255, shorter URLs read better


def transliterated_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Return an ASCII slug of ``text``, cut at a word boundary to ``max_length`` characters.

    Returns ``"article"`` when nothing of ``text`` survives (only punctuation).
    """
    slug = slugify(anyascii(text or ""))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "article"


def available_slug(parent, text: str, page=None, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Return ``transliterated_slug(text)``, with ``-2``, ``-3``... appended if another child of ``parent`` has it.

    ``parent`` is the ``Page`` the page sits under (``None``: no check); ``page`` is the page being
    edited (its own slug does not count as taken). Two headlines with no letters both become
    ``article`` and ``article-2`` instead of an error about a slug the editor never wrote.
    """
    base = transliterated_slug(text, max_length)
    if parent is None:
        return base
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
