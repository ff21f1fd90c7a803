"""``manage.py run_worker``: run the queued and the periodic background jobs until stopped.

One loop, one process: enqueue the periodic jobs that are due (each app's
``tasks.PERIODIC_TASKS``), run every queued job of the database queue with
django-tasks-db's own ``Worker``, report a heartbeat, sleep a poll interval. A
failing job is recorded as failed (its traceback in the queue's table), logged,
and shown in the admin; an error of the loop itself (a database that is locked
or gone for a moment) is logged and retried, never the end of the worker.
SIGINT/SIGTERM stop it after the job in hand.
"""

from __future__ import annotations

import logging
import signal
import time
import traceback

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string

from dateline.worker import periodic, status

logger = logging.getLogger("dateline.worker")


class Command(BaseCommand):
    help = "Run the background worker: queued jobs and every app's periodic jobs (Ctrl-C stops it)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--poll",
            type=float,
            default=None,
            help="Seconds between looks at the queue (default: DATELINE_WORKER_POLL_SECONDS).",
        )
        parser.add_argument(
            "--max-loops",
            type=int,
            default=None,
            help="Stop after this many loops (for tests and one-off runs; default: run until stopped).",
        )

    def handle(self, *args, poll=None, max_loops=None, verbosity=1, **options):
        from django_tasks import task_backends
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.management.commands.db_worker import Worker

        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(f"run_worker runs the database queue; TASKS['default'] is {type(backend).__name__}.")
        poll = settings.DATELINE_WORKER_POLL_SECONDS if poll is None else poll
        if verbosity:
            logging.getLogger("dateline.worker").setLevel(logging.INFO)
        worker_id = get_random_string(32)
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        self.stopping = False

        def stop(signum, frame):
            logger.info("Worker %s: %s received, stopping after the current job", worker_id, signal.strsignal(signum))
            self.stopping = True
            worker.running = False

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)

        jobs = periodic.discover()
        started_at = timezone.now()
        logger.info(
            "Worker %s started: periodic jobs %s; polling every %s s",
            worker_id,
            ", ".join(f"{job.name} every {job.interval} s" for job in jobs) or "none",
            poll,
        )
        beat_every = status.heartbeat_seconds()
        last_beat = 0.0
        loops = 0
        while not self.stopping:
            error = None
            try:
                close_old_connections()
                for name in periodic.enqueue_due(jobs):
                    logger.debug("Enqueued periodic job %s", name)
                worker.running = True
                worker.run()
            except Exception as exc:  # keep going: a locked or vanished database is retried on the next loop
                error = "".join(traceback.format_exception(exc))
                logger.error("Worker loop failed, retrying in %s s: %s", poll, exc)
            if error or time.monotonic() - last_beat >= beat_every:
                status.beat(worker_id, started_at, error=error)
                last_beat = time.monotonic()
            loops += 1
            if max_loops is not None and loops >= max_loops:
                break
            deadline = time.monotonic() + poll
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.2, poll))
        status.beat(worker_id, started_at, stopped=True)
        logger.info("Worker %s stopped", worker_id)
