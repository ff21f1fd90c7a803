"""Background jobs of the wire desk (django-tasks), run by the worker (see /work/coord/CONTRACTS.md).

``poll_wire_sources`` polls the sources that are due; the worker enqueues it
every ``POLL_TICK`` seconds through ``PERIODIC_TASKS``. Each source keeps its
own interval and back-off (``WireSource.next_poll_at``), so the tick only
decides how late a due source may be.
"""

from __future__ import annotations

from django_tasks import task

from .ingest import poll_due_sources

POLL_TICK = 30  # seconds


@task()
def poll_wire_sources() -> dict:
    """Poll the due wire sources; returns ``{"sources": n, "new": n, "updates": n, "failed": n}``."""
    reports = poll_due_sources()
    return {
        "sources": len(reports),
        "new": sum(r.new for r in reports),
        "updates": sum(r.updates for r in reports),
        "failed": sum(1 for r in reports if r.error),
    }


PERIODIC_TASKS = [(poll_wire_sources, POLL_TICK)]
