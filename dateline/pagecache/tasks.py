"""The page cache's periodic job: the safety net of the page files nginx serves."""

from django_tasks import task

from . import pagefiles

#: Seconds between two sweeps; a page file lives at most DATELINE_PAGECACHE_NGINX_SECONDS plus this.
SWEEP_SECONDS = 60


@task()
def sweep_page_files() -> None:
    """Delete page files older than ``DATELINE_PAGECACHE_NGINX_SECONDS`` (``pagefiles.sweep``)."""
    pagefiles.sweep()


PERIODIC_TASKS = [(sweep_page_files, SWEEP_SECONDS)]
