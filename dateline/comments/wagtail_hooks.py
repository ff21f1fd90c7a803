"""Wagtail wiring: the comment queue, its bulk actions, the close/reopen page button, and the thread's
facts read with a routed article."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from dateline.news.models import ARTICLE_ANNOTATIONS_HOOK, ArticlePage

from . import actions
from .admin_views import (
    ApproveBulkAction,
    CommentPermissionPolicy,
    CommentViewSet,
    RejectBulkAction,
    SpamBulkAction,
    toggle_comments,
)
from .models import ReaderComment
from .threads import thread_annotations

register_permission_policy(ReaderComment, CommentPermissionPolicy(ReaderComment))
register_snippet(CommentViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("register_bulk_action", SpamBulkAction)
hooks.register(ARTICLE_ANNOTATIONS_HOOK, thread_annotations)  # the thread's queries, saved when it is empty


@hooks.register("register_admin_urls")
def comments_admin_urls():
    """The close/reopen comments view: /admin/article-comments/<page id>/."""
    return [path("article-comments/<int:page_id>/", toggle_comments, name="comments_toggle")]


@hooks.register("register_page_header_buttons")
def comments_page_button(page, user, view_name, next_url=None):
    """Add "Close comments" / "Reopen comments" to an article's "More" menu for editors who can edit it."""
    if not isinstance(page.specific_deferred, ArticlePage):
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    is_open = actions.comments_open(page)
    return [
        Button(
            _("Close comments") if is_open else _("Reopen comments"),
            url=reverse("comments_toggle", args=[page.pk]),
            icon_name="lock" if is_open else "lock-open",
            priority=75,
        )
    ]
