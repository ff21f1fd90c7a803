"""The newsroom: roles, the approval workflow, urgency and breaking news, embargo,
corrections, updates and withdrawals, and the newsroom's admin listing."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """Roles, workflow, embargo, corrections and withdrawals, breaking news."""

    name = "dateline.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
