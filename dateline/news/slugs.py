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
