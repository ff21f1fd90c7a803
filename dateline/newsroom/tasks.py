"""Periodic jobs of the newsroom (run by the worker, see CONTRACTS: PERIODIC_TASKS).

An embargo lifts and a breaking banner ends at read time, to the second, because
every public query compares with the current time; these jobs only purge the cached
copies that still show the old state, and record that they did (``Release``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from dateline.news.signals import pages_changed


def _pages_showing(article) -> list:
    """The article and every page that lists it: its section, edition, dossier."""
    pages = [article]
    pages.extend(article.get_ancestors().filter(depth__gt=1).specific())
    if article.dossier_id:
        pages.append(article.dossier)
    return pages


def _record(article, kind, due_at) -> bool:
    from .models import Release

    try:
        with transaction.atomic():
            Release.objects.create(article=article, kind=kind, due_at=due_at)
    except IntegrityError:  # another worker recorded it first
        return False
    return True


def release_due(now=None) -> dict[str, int]:
    """Purge what shows articles whose embargo lifted or whose breaking banner ended by ``now``.

    Each (article, kind, time) is handled once (a ``Release`` row); an embargo or
    expiry moved later is handled again at its new time. Sends ``pages_changed`` with
    the article's pages (embargo: the article, its section, edition and dossier) or its
    edition's locale (breaking: the banner is on every page). Returns the counts
    ``{"embargo": n, "breaking": m}``.
    """
    from dateline.news.models import ArticlePage

    from .models import Release

    now = now or timezone.now()
    counts = {Release.EMBARGO: 0, Release.BREAKING: 0}
    due = ArticlePage.objects.live().filter(embargo__lte=now).exclude(_handled(Release.EMBARGO, "embargo"))
    for article in due.select_related("locale"):
        if _record(article, Release.EMBARGO, article.embargo):
            pages_changed.send(sender=ArticlePage, pages=_pages_showing(article), locales=[])
            counts[Release.EMBARGO] += 1
    ended = (
        ArticlePage.objects.live()
        .filter(breaking=True, breaking_until__lte=now)
        .exclude(_handled(Release.BREAKING, "breaking_until"))
    )
    for article in ended.select_related("locale"):
        if _record(article, Release.BREAKING, article.breaking_until):
            pages_changed.send(sender=ArticlePage, pages=[article], locales=[article.locale])
            counts[Release.BREAKING] += 1
    return counts


def _handled(kind: str, field: str):
    """An ``Exists`` of the ``Release`` of ``kind`` at the article's current ``field`` time."""
    from .models import Release

    return Exists(Release.objects.filter(article=OuterRef("pk"), kind=kind, due_at=OuterRef(field)))


@task()
def release_embargoes_and_banners():
    """The periodic job: ``release_due()`` at the current time; returns its counts."""
    return release_due()


PERIODIC_TASKS = [(release_embargoes_and_banners, settings.DATELINE_NEWSROOM_RELEASE_INTERVAL)]
