"""Readers' spelling-error reports (the Orphus pattern) and the editors' queue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorreportsConfig(AppConfig):
    """Readers' spelling-error reports (the Orphus pattern) and the editors' queue.

    ``ready`` connects Wagtail's ``page_published`` signal: publishing an article closes
    the reports whose passage the new text no longer contains.
    """

    name = "dateline.errorreports"
    label = "errorreports"
    verbose_name = _("Error reports")

    def ready(self):
        from wagtail.signals import page_published

        from dateline.news.models import ArticlePage

        from .receivers import close_reports_on_publish

        page_published.connect(close_reports_on_publish, sender=ArticlePage, dispatch_uid="errorreports_autofix")
