"""The newsroom in the Wagtail admin: the article listing, "Withdraw", waiting counts in the menu."""

from __future__ import annotations

import copy

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import TaskState

from dateline.news.models import ArticlePage

from .admin_listing import ArticleListingViewSet
from .roles import EDITORS
from .views import withdraw_view


@hooks.register("register_admin_viewset")
def register_article_listing():
    """The "Articles" listing (see ``admin_listing``)."""
    return ArticleListingViewSet()


@hooks.register("register_admin_urls")
def newsroom_admin_urls():
    """/admin/newsroom/withdraw/<page id>/: withdraw a live article with a reason."""
    return [path("newsroom/withdraw/<int:page_id>/", withdraw_view, name="newsroom_withdraw")]


@hooks.register("register_page_header_buttons")
def withdraw_button(page, user, view_name, next_url=None):
    """Add "Withdraw" to a live article's "More" menu for those who may unpublish it."""
    if not page.live or not isinstance(page.specific_deferred, ArticlePage):
        return []
    if not page.permissions_for_user(user).can_unpublish():
        return []
    return [Button(_("Withdraw"), url=reverse("newsroom_withdraw", args=[page.pk]), icon_name="warning", priority=80)]


def waiting_counts(user) -> dict[str, int]:
    """How many items wait, by menu item name: reader comments, error reports, pages in the workflow.

    Counts only what ``user`` may act on: the queues they can see, workflow tasks they can approve.
    """
    counts = {}
    if user.has_perm("comments.change_readercomment"):
        from dateline.comments.models import CommentState, ReaderComment

        counts["reader-comments"] = ReaderComment.objects.filter(state=CommentState.PENDING).count()
    if user.has_perm("errorreports.change_errorreport"):
        from dateline.errorreports.models import ErrorReport

        counts["error-reports"] = ErrorReport.objects.filter(status=ErrorReport.Status.OPEN).count()
    if user.is_superuser or user.groups.filter(name=EDITORS).exists():
        counts["awaiting-approval"] = TaskState.objects.reviewable_by(user).count()
    return counts


@hooks.register("register_admin_menu_item")
def awaiting_approval_menu_item():
    """ "Awaiting approval": the articles in the "Editor approval" workflow (editors only)."""
    return MenuItem(
        gettext_lazy("Awaiting approval"),
        reverse("articles:index") + "?newsroom_status=in_workflow",
        name="awaiting-approval",
        icon_name="tasks",
        order=111,
    )


@hooks.register("construct_main_menu")
def add_waiting_counts(request, menu_items):
    """Write the waiting count after each queue's label: "Reader comments (3)"; hide an empty workflow item."""
    counts = waiting_counts(request.user)
    for index, item in reversed(list(enumerate(menu_items))):
        if item.name == "awaiting-approval" and item.name not in counts:
            del menu_items[index]
            continue
        if item.name in counts:
            labelled = copy.copy(item)  # menu items are shared between requests: never change them in place
            labelled.label = f"{item.label} ({counts[item.name]})"
            menu_items[index] = labelled
