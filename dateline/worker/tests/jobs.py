"""Jobs for the worker's tests (importable by path, as the queue needs)."""

from django.core.cache import cache
from django_tasks import task


@task()
def failing_job() -> None:
    """Always fails: the worker must record it and go on."""
    raise RuntimeError("this job fails on purpose")


@task()
def counting_job() -> int:
    """Counts its runs in the cache and returns the count."""
    cache.add("worker-test:runs", 0)
    return cache.incr("worker-test:runs")
