"""Import of wire copy: web pages and RSS/Atom/RDF feeds into articles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    """Import of wire copy: web pages and RSS/Atom/RDF feeds into articles."""

    name = "dateline.wire"
    label = "wire"
    verbose_name = _("Wire")
