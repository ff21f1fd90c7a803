"""The shared full-page cache of reader pages, feeds and sitemaps, with exact purge."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """The page cache: stores anonymous responses, serves them before Django, purges them exactly."""

    name = "dateline.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import purge

        purge.connect()
