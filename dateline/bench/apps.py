"""``make bench``: a generated archive, the site under production settings, and wrk against it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The benchmark's archive generator and cold-render measurements (management commands)."""

    name = "dateline.bench"
    label = "bench"
    verbose_name = _("Benchmark")
