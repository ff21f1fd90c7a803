"""Readers' 1-5 star ratings of articles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    """Readers' 1-5 star ratings of articles; registers the "ratings" reader-state provider."""

    name = "dateline.ratings"
    label = "ratings"
    verbose_name = _("Ratings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dateline.readers.state import register_state_provider

        from .reader_state import ratings_state

        register_state_provider("ratings", ratings_state)

        from .admin_views import register_permission_policies

        register_permission_policies()
