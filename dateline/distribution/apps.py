"""Feeds, sitemaps, structured data and the IPTC ninjs API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """Feeds, sitemaps, structured data and the IPTC ninjs API."""

    name = "dateline.distribution"
    label = "distribution"
    verbose_name = _("Distribution")
