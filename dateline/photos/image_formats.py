"""Formats of images in article bodies (Wagtail rich text): responsive ``<figure>`` with caption and credit.

Wagtail's own formats ("fullwidth", "left", "right") are replaced under the same names, so
bodies already holding images render with the new markup: a ``<figure>`` holding the
``<picture>`` of ``photos.renditions`` (lazy, ``srcset``/``sizes``, AVIF/WebP, fixed
dimensions) and a ``<figcaption>`` with the photo's caption and "Photo: credit".
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.images.formats import Format, register_image_format, unregister_image_format

from .templatetags.photo_tags import photo


class FigureFormat(Format):
    """A rich-text image format rendered as ``<figure>`` with a responsive ``<picture>`` and its caption."""

    def image_to_html(self, image, alt_text, extra_attributes=None):
        """Return the ``<figure>`` of ``image`` with ``alt_text`` as the picture's alt text."""
        return render_to_string(
            "photos/figure.html",
            {"image": image, "picture": photo(image, "body", alt=alt_text or ""), "classname": self.classname},
        )


for _name, _label, _classname in [
    ("fullwidth", _("Full width"), "richtext-image full-width"),
    ("left", _("Left-aligned"), "richtext-image left"),
    ("right", _("Right-aligned"), "richtext-image right"),
]:
    unregister_image_format(_name)
    register_image_format(FigureFormat(_name, _label, _classname, "width-800"))
