"""The worker's heartbeat (written by the worker) and its status (read by the admin)."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger("dateline.worker")


def heartbeat_seconds() -> int:
    """The setting DATELINE_WORKER_HEARTBEAT_SECONDS: how often a running worker reports (seconds)."""
    return int(getattr(settings, "DATELINE_WORKER_HEARTBEAT_SECONDS", 20))


def beat(worker_id: str, started_at: datetime, error: str | None = None, stopped: bool = False) -> None:
    """Record that worker ``worker_id`` is alive now (one short write).

    ``error`` (text) is recorded as its last error; ``stopped`` marks a clean stop. Database
    errors are logged, not raised: a heartbeat never stops the worker.
    """
    now = timezone.now()
    values = {"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at, "last_beat_at": now}
    values["stopped_at"] = now if stopped else None
    if error:
        values.update(last_error=error[-4000:], last_error_at=now)
    try:
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults=values)
    except Exception:
        logger.exception("Could not record the worker's heartbeat")


@dataclass(frozen=True)
class WorkerStatus:
    """What the admin shows: ``running`` (a report within three heartbeats), the newest heartbeat
    (or ``None`` if no worker ever ran), the number of jobs that failed in the last 24 hours and
    the newest failure's task name and time."""

    running: bool
    last_beat_at: datetime | None
    failed_jobs: int
    last_failed_task: str
    last_failed_at: datetime | None
    queued_jobs: int


def current_status(now: datetime | None = None) -> WorkerStatus:
    """Read the workers' heartbeats and the job queue and return a ``WorkerStatus``."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    latest = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).order_by("-last_beat_at").first()
    if latest is None:
        latest = WorkerHeartbeat.objects.order_by("-last_beat_at").first()
    fresh = timedelta(seconds=3 * heartbeat_seconds())
    running = latest is not None and latest.stopped_at is None and now - latest.last_beat_at <= fresh
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=now - timedelta(hours=24))
    last_failed = failed.order_by("-finished_at").first()
    return WorkerStatus(
        running=running,
        last_beat_at=latest.last_beat_at if latest else None,
        failed_jobs=failed.count(),
        last_failed_task=last_failed.task_path if last_failed else "",
        last_failed_at=last_failed.finished_at if last_failed else None,
        queued_jobs=DBTaskResult.objects.ready().count(),
    )
