"""The worker: periodic jobs discovered from every app, scheduled publishing fired by it, its heartbeat,
failing jobs that do not stop it, and the admin panel that shows a stopped or failing worker."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.news.models import ArticlePage, SectionPage
from dateline.worker import periodic
from dateline.worker.models import WorkerHeartbeat
from dateline.worker.tests.jobs import counting_job, failing_job

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_queue(settings):
    """The worker's real queue (a table of the test database) instead of the tests' immediate backend."""
    settings.TASKS = DB_QUEUE
    cache.clear()
    yield
    cache.clear()


def run_worker(loops: int = 1) -> None:
    call_command("run_worker", poll=0, max_loops=loops, verbosity=0)


def test_periodic_tasks_of_every_app_are_discovered():
    found = {job.name: job.interval for job in periodic.discover()}
    assert found["dateline.news.tasks.publish_scheduled_pages"] <= 60  # go-live within a minute
    assert "dateline.worker.tasks.prune_finished_jobs" in found


def test_a_periodic_task_is_enqueued_once_per_window_between_several_workers(db, db_queue):
    first = [periodic.PeriodicTask(counting_job, 60)]
    second = [periodic.PeriodicTask(counting_job, 60)]  # another worker process, same shared store
    assert periodic.enqueue_due(first, now=600) == ["dateline.worker.tests.jobs.counting_job"]
    assert periodic.enqueue_due(second, now=601) == []
    assert periodic.enqueue_due(first, now=659) == []
    assert periodic.enqueue_due(second, now=660) == ["dateline.worker.tests.jobs.counting_job"]
    assert DBTaskResult.objects.filter(task_path__endswith="counting_job").count() == 2


def test_run_worker_refuses_a_backend_it_cannot_run():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run_worker()  # the tests' ImmediateBackend has no queue to run


@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_is_fired_by_the_worker_at_the_go_live_time(demo, db_queue):
    section = SectionPage.objects.get(locale__language_code="en")
    draft_created = timezone.now() - timedelta(hours=2)
    article = ArticlePage(title="Scheduled story", lead="Lead.", body="<p>Body.</p>", published_at=draft_created)
    section.add_child(instance=article)
    article.unpublish()
    article.refresh_from_db()
    go_live = (timezone.now() + timedelta(seconds=6)).replace(microsecond=0)
    article.go_live_at = go_live
    article.save_revision().publish()  # "Publish" with a schedule: waits for its go-live time
    article.refresh_from_db()
    assert not article.live

    run_worker()  # before the time: nothing happens
    article.refresh_from_db()
    if timezone.now() < go_live - timedelta(seconds=1):  # (a very slow machine may be past it already)
        assert not article.live

    time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()) + 0.3)
    cache.clear()  # a new window for the periodic job
    run_worker()

    article.refresh_from_db()
    assert article.live
    assert article.published_at == go_live  # the shown publish time is the go-live time, not the draft's
    assert article.first_published_at >= go_live


def test_an_article_scheduled_before_its_first_publication_shows_its_go_live_time(demo):
    section = SectionPage.objects.get(locale__language_code="en")
    article = ArticlePage(title="Later story", lead="Lead.", body="<p>Body.</p>")
    section.add_child(instance=article)
    go_live = timezone.now() + timedelta(hours=3)
    article.go_live_at = go_live
    revision = article.save_revision()
    assert revision.as_object().published_at == go_live
    live = ArticlePage.objects.get(locale__language_code="en", first_published_at__isnull=False)
    live.go_live_at = timezone.now() + timedelta(hours=1)
    before = live.published_at
    live.save_revision()  # a later update of a live article keeps its publish time
    live.refresh_from_db()
    assert live.published_at == before


@pytest.mark.django_db(transaction=True)
def test_expiry_unpublishes_through_the_worker(en_article, db_queue):
    en_article.expire_at = timezone.now() - timedelta(seconds=1)
    en_article.save()
    run_worker()
    en_article.refresh_from_db()
    assert not en_article.live and en_article.expired


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_recorded_and_the_worker_goes_on(db_queue):
    failing_job.enqueue()
    counting_job.enqueue()
    run_worker(loops=2)
    assert DBTaskResult.objects.failed().filter(task_path__endswith="failing_job").count() == 1
    assert DBTaskResult.objects.successful().filter(task_path__endswith="counting_job").count() == 1
    beat = WorkerHeartbeat.objects.get()
    assert beat.stopped_at is not None  # a clean stop is recorded


@pytest.fixture
def superuser_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.com", "pass"))
    return client


def test_dashboard_warns_when_no_worker_ever_ran(superuser_client, caplog):
    html = superuser_client.get("/admin/").content.decode()
    assert "No background worker has ever run" in html
    assert "manage.py run_worker" in html
    assert any("Background worker not running" in r.getMessage() for r in caplog.records)


def test_dashboard_warns_when_the_worker_stopped_reporting(superuser_client):
    long_ago = timezone.now() - timedelta(minutes=10)
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=long_ago, last_beat_at=long_ago)
    html = superuser_client.get("/admin/").content.decode()
    assert "The background worker has not reported for 10" in html


def test_dashboard_shows_a_running_worker_and_its_failed_jobs(superuser_client, settings):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, last_beat_at=now)
    html = superuser_client.get("/admin/").content.decode()
    assert "Running: last report" in html
    settings.TASKS = DB_QUEUE
    result = failing_job.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(status="FAILED", finished_at=now)
    html = superuser_client.get("/admin/").content.decode()
    assert "1 background job failed in the last 24 hours" in html
    assert "dateline.worker.tests.jobs.failing_job" in html


def test_dashboard_in_russian(superuser_client):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="boss"))
    profile.preferred_language = "ru"
    profile.save()
    html = superuser_client.get("/admin/").content.decode()
    assert "Фоновый обработчик" in html


@pytest.mark.django_db(transaction=True)
def test_old_jobs_and_silent_workers_are_pruned_by_the_worker(db_queue):
    from dateline.worker.tasks import prune_finished_jobs

    old = timezone.now() - timedelta(days=30)
    counting_job.enqueue()
    run_worker()
    DBTaskResult.objects.update(finished_at=old)
    WorkerHeartbeat.objects.update(last_beat_at=old)
    prune_finished_jobs.enqueue()
    call_command("run_worker", poll=0, max_loops=1, verbosity=0)
    assert not DBTaskResult.objects.filter(task_path__endswith="counting_job").exists()
    assert WorkerHeartbeat.objects.count() == 1  # only the worker that just ran
