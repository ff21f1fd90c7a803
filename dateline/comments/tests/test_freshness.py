"""Approving (or closing) changes the cached article HTML: the front-end cache is purged when there is one."""

import pytest

from dateline.comments import actions
from dateline.comments.models import CommentSettings, CommentState, ModerationMode, ReaderComment

from .conftest import post_json


@pytest.fixture
def purged(monkeypatch):
    """Pretend wagtail.contrib.frontend_cache is installed; return the list of purged page ids."""
    import wagtail.contrib.frontend_cache.utils as frontend_cache

    calls = []
    real_is_installed = actions.apps.is_installed
    monkeypatch.setattr(
        actions.apps, "is_installed", lambda name: name == "wagtail.contrib.frontend_cache" or real_is_installed(name)
    )
    monkeypatch.setattr(frontend_cache, "purge_pages_from_cache", lambda pages: calls.extend(p.pk for p in pages))
    return calls


def test_pending_comment_purges_nothing_and_approval_purges_the_article(client, en_article, purged):
    post_json(client, en_article)
    assert purged == []
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    assert purged == [en_article.pk]
    actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)  # no change, no purge
    assert purged == [en_article.pk]


def test_post_moderated_comment_purges_after_commit(client, en_article, purged, django_capture_on_commit_callbacks):
    settings = CommentSettings.for_site(en_article.get_site())
    settings.moderation_mode = ModerationMode.POST
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_json(client, en_article)
    assert purged == [en_article.pk]


def test_closing_purges_the_article(en_article, purged):
    actions.set_comments_closed(en_article, True)
    assert purged == [en_article.pk]


def test_unknown_state_is_refused(en_article):
    with pytest.raises(ValueError):
        actions.moderate([], "deleted")
