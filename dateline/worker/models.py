"""The worker's heartbeat: the admin shows a stopped or failing worker from it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per worker process: when it started, when it last reported, and its last error.

    Written by ``manage.py run_worker`` every DATELINE_WORKER_HEARTBEAT_SECONDS; read by the
    admin dashboard's worker panel (``dateline.worker.status``).
    """

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("started at"))
    last_beat_at = models.DateTimeField(_("last report"), db_index=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id})"
