"""The reader-facing search page of each edition."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The reader-facing search page of each edition."""

    name = "dateline.search"
    label = "search"
    verbose_name = _("Search")
