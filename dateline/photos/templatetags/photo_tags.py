"""Template tags of photos: ``{% photo image "lead" %}`` renders a responsive ``<picture>``.

Slots (``SLOTS``) name where a picture sits, and so its widths, crop and ``sizes``:
``lead`` (the article's lead image, above the fold), ``body`` (in the article text),
``card`` and ``card_featured`` (listings: home, section, tag, dossier, search pages).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from dateline.photos.renditions import picture_html

register = template.Library()

#: slot → (widths in pixels, crop ratio or None, sizes attribute, eager loading)
SLOTS: dict[str, tuple[tuple[int, ...], tuple[int, int] | None, str, bool]] = {
    "lead": ((480, 800, 1200), None, "(min-width: 1100px) 720px, (min-width: 760px) calc(100vw - 22rem), 100vw", True),
    "body": ((480, 800, 1200), None, "(min-width: 1100px) 720px, 100vw", False),
    "card": ((240, 480), (16, 9), "(min-width: 760px) 240px, 100vw", False),
    "card_featured": ((480, 800, 1200), (16, 9), "(min-width: 1100px) 640px, 100vw", False),
}


@register.simple_tag
def photo(image, slot: str = "body", alt: str | None = None, eager: bool | None = None) -> SafeString | str:
    """Return the ``<picture>`` of ``image`` for ``slot``; "" when there is no image.

    ``alt`` defaults to the image's description (Wagtail's alt text), else "" (decorative,
    when a caption or the headline beside it says what it shows). ``eager`` overrides the
    slot's loading. Raises ``KeyError`` for an unknown slot.
    """
    if image is None:
        return ""
    widths, ratio, sizes, slot_eager = SLOTS[slot]
    if alt is None:
        alt = getattr(image, "description", "") or ""
    return picture_html(
        image,
        widths=widths,
        sizes=sizes,
        alt=alt,
        ratio=ratio,
        eager=slot_eager if eager is None else eager,
        css_class=f"photo photo--{slot}",
    )
