"""Editions, sections, articles and dossiers: the content model and its pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """Editions, sections, articles and dossiers: the content model and its pages."""

    name = "dateline.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
