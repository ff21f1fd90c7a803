"""Availability: the site keeps answering when the shared store or the database fails."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AvailabilityConfig(AppConfig):
    """Graceful degradation: a Redis cache that fails soft, and 503 pages when a backing service is down."""

    name = "dateline.availability"
    label = "availability"
    verbose_name = _("Availability")
