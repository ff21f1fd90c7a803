"""The worker's own periodic job: forget finished jobs and stopped workers after a while."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

#: Days a finished job stays in the queue's table (a failed one: a week, for the admin to see).
KEEP_DAYS = 1
KEEP_FAILED_DAYS = 7


@task()
def prune_finished_jobs() -> None:
    """Delete successful jobs older than KEEP_DAYS and failed ones older than KEEP_FAILED_DAYS (django-tasks-db),
    and the heartbeats of workers silent for more than KEEP_FAILED_DAYS."""
    from .models import WorkerHeartbeat

    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=KEEP_DAYS,
        failed_min_age_days=KEEP_FAILED_DAYS,
        verbosity=0,
    )
    WorkerHeartbeat.objects.filter(last_beat_at__lt=timezone.now() - timedelta(days=KEEP_FAILED_DAYS)).delete()


PERIODIC_TASKS = [(prune_finished_jobs, 3600)]
