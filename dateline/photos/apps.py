"""Photos: Dateline's Wagtail image model (caption, credit) and its responsive renditions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    """Photos: Dateline's Wagtail image model (caption, credit) and its responsive renditions."""

    name = "dateline.photos"
    label = "photos"
    verbose_name = _("Photos")
