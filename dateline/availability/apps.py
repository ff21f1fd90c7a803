"""Availability: the site keeps answering when the shared store or the database fails."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AvailabilityConfig(AppConfig):
    """Graceful degradation: a Redis cache that fails soft, and 503 pages when a backing service is down."""

    name = "dateline.availability"
    label = "availability"
    verbose_name = _("Availability")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from .cache import end_request_memo, start_request_memo

        request_started.connect(start_request_memo, dispatch_uid="dateline-request-memo-start")
        request_finished.connect(end_request_memo, dispatch_uid="dateline-request-memo-end")
