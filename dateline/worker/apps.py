"""The worker: runs queued and periodic background jobs beside the web server."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    """Background jobs: ``manage.py run_worker``, the periodic jobs of every app, the worker's heartbeat."""

    name = "dateline.worker"
    label = "worker"
    verbose_name = _("Background worker")
