"""Readers' 1-5 star ratings of articles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    """Readers' 1-5 star ratings of articles."""

    name = "dateline.ratings"
    label = "ratings"
    verbose_name = _("Ratings")
