"""The worker's own periodic job: forget finished jobs after a while."""

from django.core.management import call_command
from django_tasks import task

#: Days a finished job stays in the queue's table (a failed one: a week, for the admin to see).
KEEP_DAYS = 1
KEEP_FAILED_DAYS = 7


@task()
def prune_finished_jobs() -> None:
    """Delete successful jobs older than KEEP_DAYS and failed ones older than KEEP_FAILED_DAYS (django-tasks-db)."""
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=KEEP_DAYS,
        failed_min_age_days=KEEP_FAILED_DAYS,
        verbosity=0,
    )


PERIODIC_TASKS = [(prune_finished_jobs, 3600)]
