"""Periodic jobs: each app's ``tasks.PERIODIC_TASKS``, enqueued by the worker at their intervals.

The contract (``/work/coord/CONTRACTS.md``): an installed ``dateline.*`` app may define in its
``tasks.py`` ``PERIODIC_TASKS = [(some_task, interval_seconds), ...]`` where ``some_task`` is a
django-tasks ``Task``. The worker enqueues each once per interval. Intervals are fixed windows
counted from the Unix epoch, and each window is claimed in the shared store (``cache.add``), so
several worker processes or machines enqueue a job once per window between them.
"""

from __future__ import annotations

import importlib
import logging
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache

logger = logging.getLogger("dateline.worker")


@dataclass
class PeriodicTask:
    """A django-tasks ``task`` to enqueue every ``interval`` seconds; ``last_window`` is the last one enqueued here."""

    task: object
    interval: int
    last_window: int | None = field(default=None)

    @property
    def name(self) -> str:
        """The task's dotted path, e.g. ``dateline.news.tasks.publish_scheduled_pages``."""
        return getattr(self.task, "module_path", repr(self.task))


def discover(app_prefix: str = "dateline.") -> list[PeriodicTask]:
    """Import ``tasks`` of every installed app whose name starts with ``app_prefix`` and collect PERIODIC_TASKS.

    Returns the periodic tasks in app order. Raises ``ValueError`` for an entry that is not a
    ``(task, seconds)`` pair with a positive whole number of seconds; an app without ``tasks.py``
    is skipped, but an import error inside an existing ``tasks.py`` is raised.
    """
    found: list[PeriodicTask] = []
    for config in apps.get_app_configs():
        if not config.name.startswith(app_prefix):
            continue
        module_name = f"{config.name}.tasks"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        for entry in getattr(module, "PERIODIC_TASKS", []):
            task, interval = entry
            if not hasattr(task, "enqueue") or not isinstance(interval, int) or interval <= 0:
                raise ValueError(f"{module_name}.PERIODIC_TASKS: {entry!r} is not (task, seconds > 0)")
            found.append(PeriodicTask(task, interval))
    return found


def enqueue_due(periodic: list[PeriodicTask], now: float | None = None) -> list[str]:
    """Enqueue every periodic task whose current window (of ``interval`` seconds) has not been enqueued yet.

    ``now`` is Unix time in seconds (for tests). Returns the names of the tasks enqueued by this
    call. A window is claimed in the shared store with ``cache.add``, so that of several workers
    exactly one enqueues it; if the store is unavailable, this process enqueues on its own count.
    """
    now = time.time() if now is None else now
    enqueued = []
    for item in periodic:
        window = int(now // item.interval)
        if item.last_window == window:
            continue
        item.last_window = window
        try:
            claimed = cache.add(f"worker:periodic:{item.name}:{item.interval}:{window}", 1, timeout=item.interval * 2)
        except Exception as error:  # the shared store is down: better twice than never
            logger.warning("Shared store unavailable for periodic %s (%s); enqueuing anyway", item.name, error)
            claimed = True
        if claimed:
            item.task.enqueue()
            enqueued.append(item.name)
    return enqueued
