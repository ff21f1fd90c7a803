"""The anonymous reader: a signed first-party token and per-IP rate limits shared by the reader apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadersConfig(AppConfig):
    """The anonymous reader: a signed first-party token and per-IP rate limits shared by the reader apps."""

    name = "dateline.readers"
    label = "readers"
    verbose_name = _("Readers")
