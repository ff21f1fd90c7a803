"""Background jobs of the news app, run by the worker (``manage.py run_worker``)."""

from django.conf import settings
from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages() -> None:
    """Publish the pages whose go-live time has come and unpublish those whose expiry time has passed.

    Runs Wagtail's ``publish_scheduled`` command (Wagtail 8; the same for snippets with draft
    state). An article scheduled before it was ever published shows its go-live time as its
    publish time (see ``ArticlePage.full_clean``).
    """
    call_command("publish_scheduled", verbosity=0)


#: The worker enqueues this every DATELINE_PUBLISH_SCHEDULED_SECONDS (default 30): go-live and
#: expiry times happen within a minute.
PERIODIC_TASKS = [(publish_scheduled_pages, settings.DATELINE_PUBLISH_SCHEDULED_SECONDS)]
