"""Readers' spelling-error reports (the Orphus pattern) and the editors' queue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorreportsConfig(AppConfig):
    """Readers' spelling-error reports (the Orphus pattern) and the editors' queue."""

    name = "dateline.errorreports"
    label = "errorreports"
    verbose_name = _("Error reports")
