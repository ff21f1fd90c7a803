"""The admin dashboard's worker panel: a stopped or failing background worker is seen at once."""

import logging

from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .status import current_status, heartbeat_seconds

logger = logging.getLogger("dateline.worker")


class WorkerPanel(Component):
    """Dashboard panel: a warning when no worker reported lately or jobs failed; else (superusers) its status."""

    name = "dateline_worker"
    order = 50
    template_name = "worker/dashboard_panel.html"

    def __init__(self, status, show_when_healthy: bool):
        self.status = status
        self.show_when_healthy = show_when_healthy

    def get_context_data(self, parent_context):
        return {"status": self.status, "stale_after": 3 * heartbeat_seconds()}

    def render_html(self, parent_context=None):
        healthy = self.status.running and not self.status.failed_jobs
        if healthy and not self.show_when_healthy:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_worker_panel(request, panels):
    """Put the worker panel first on the dashboard (the status is read from the heartbeats and the queue)."""
    try:
        status = current_status()
    except Exception:  # the dashboard must open even when the status cannot be read
        logger.exception("Could not read the background worker's status")
        return
    if not status.running:
        logger.warning(
            "Background worker not running (last report: %s): scheduled publishing and background jobs wait",
            status.last_beat_at or _("never"),
        )
    panels.insert(0, WorkerPanel(status, show_when_healthy=request.user.is_superuser))
