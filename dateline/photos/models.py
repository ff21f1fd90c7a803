"""The image model of Dateline: a Wagtail image with a caption and a credit.

``WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"``: every image editors upload (lead images,
images in article bodies) is a ``Photo``. The caption says what the picture shows, the
credit who made it, as the line shown under it ("Photo: Ivan Petrov / TASS"); readers see
both under the picture, and they travel with it into JSON-LD, OpenGraph and ninjs.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Photo(AbstractImage):
    """A picture with its ``caption`` (plain text) and ``credit`` (photographer and/or agency)."""

    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("What the picture shows, shown under it. An article may give its own caption."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("The credit line shown under the picture, e.g. Photo: Ivan Petrov / TASS."),
    )

    admin_form_fields = Image.admin_form_fields + ("caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class PhotoRendition(AbstractRendition):
    """A resized copy of a ``Photo`` (Wagtail renditions: size, crop, format)."""

    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
