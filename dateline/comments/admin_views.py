"""Wagtail admin views of the comments app: the moderation queue and closing an article's comments."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import classproperty
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.news.models import ArticlePage
from dateline.readers.admin_views import ReaderSubmissionPermissionPolicy, SetStateBulkAction, SetStateEditView

from . import actions
from .models import CommentState, ReaderComment


class ArticleLinkColumn(Column):
    """The comment's article, linked to its editor (the public page is linked on the comment's own view)."""

    cell_template_name = "comments/admin/article_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["article"] = instance.article
        return context


class CommentFilterSet(WagtailFilterSet):
    """Queue filters: by state, by article (only articles that have comments), by language."""

    state = django_filters.ChoiceFilter(label=_("State"), choices=CommentState.choices)
    article = django_filters.ModelChoiceFilter(
        label=_("Article"),
        queryset=lambda request: ArticlePage.objects.filter(reader_comments__isnull=False).distinct().order_by("title"),
    )

    class Meta:
        model = ReaderComment
        fields = ["state", "article", "language"]


class CommentPermissionPolicy(ReaderSubmissionPermissionPolicy):
    """Editors moderate comments; nobody writes one from the admin (they come from readers)."""


class CommentEditView(SetStateEditView):
    """Moderating one comment: only its state can change, and through ``actions.moderate``.

    Above the form the moderator sees the comment's article (linked to the page and to its
    editor), its thread (the comment it answers and the replies to it) and the reader's
    details (name, e-mail, language, and what else the same reader has sent).
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        context["moderated_comment"] = comment
        context["thread_parent"] = comment.parent
        context["thread_siblings"] = (
            ReaderComment.objects.filter(parent_id=comment.parent_id, article_id=comment.article_id)
            .exclude(pk=comment.pk)
            .order_by("created_at")[:20]
            if comment.parent_id
            else []
        )
        context["thread_replies"] = comment.replies.order_by("created_at")[:20]
        context["reader_others"] = (
            ReaderComment.objects.filter(reader_hash=comment.reader_hash)
            .exclude(pk=comment.pk)
            .select_related("article")
            .order_by("-created_at")[:10]
            if comment.reader_hash
            else []
        )
        return context

    def apply_state(self, value: str) -> None:
        actions.moderate([self.object], value, self.request.user)


class CommentViewSet(SnippetViewSet):
    """The moderation queue of readers' comments in the Wagtail admin (menu "Reader comments")."""

    model = ReaderComment
    icon = "comment"
    menu_label = _("Reader comments")
    menu_name = "reader-comments"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "reader-comments"
    admin_url_namespace = "reader_comments"
    list_display = [
        "queue_title",
        ArticleLinkColumn("article", label=_("Article")),
        "state",
        "held_reason",
        "language",
        "created_at",
    ]
    filterset_class = CommentFilterSet
    search_fields = ["name", "body"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "article",
        "parent",
        "name",
        "email",
        "body",
        "language",
        "state",
        "held_reason",
        "created_at",
    ]
    copy_view_enabled = False
    edit_view_class = CommentEditView
    edit_template_name = "comments/admin/moderate_comment.html"


class ModerateBulkAction(SetStateBulkAction):
    """Base of the queue's bulk actions: set one state on the selected comments."""

    target = CommentState.APPROVED
    header_icon = "comment"
    no_access_message = _("You don't have permission to moderate these comments")

    @classproperty
    def models(cls):
        return [ReaderComment]

    @staticmethod
    def apply(objects, target: str, user) -> int:
        return actions.moderate(objects, target, user)

    def confirm_line(self, item) -> str:
        return format_html('{} — <bdi dir="auto">{}</bdi>', item.queue_title(), item.article)

    def confirm_question(self, count: int) -> str:
        return ngettext("%(action)s: %(counter)s comment?", "%(action)s: %(counter)s comments?", count) % {
            "action": self.display_name,
            "counter": count,
        }


class ApproveBulkAction(ModerateBulkAction):
    """Approve the selected comments: they appear on their articles."""

    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    target = CommentState.APPROVED
    success_message = ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count")


class RejectBulkAction(ModerateBulkAction):
    """Reject the selected comments: they leave (or never reach) their articles."""

    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    target = CommentState.REJECTED
    success_message = ngettext_lazy("%(count)d comment rejected.", "%(count)d comments rejected.", "count")


class SpamBulkAction(ModerateBulkAction):
    """Mark the selected comments as spam: hidden, and kept apart from rejected ones."""

    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 25
    target = CommentState.SPAM
    classes = {"serious"}
    success_message = ngettext_lazy("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count")


def toggle_comments(request, page_id: int):
    """Admin view: confirm (GET) and close or reopen (POST ``closed=1|0``) comments on article ``page_id``.

    Needs permission to edit the page; redirects to ``next`` or the page's edit view.
    """
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    is_open = actions.comments_open(article)
    next_url = get_valid_next_url_from_request(request) or f"/admin/pages/{article.pk}/edit/"
    if request.method == "POST":
        close = request.POST.get("closed") == "1"
        actions.set_comments_closed(article, close, request.user)
        if close:
            messages.success(request, _("Comments are closed on “%(title)s”.") % {"title": article.title})
        else:
            messages.success(request, _("Comments are open again on “%(title)s”.") % {"title": article.title})
        return redirect(next_url)
    return TemplateResponse(
        request,
        "comments/admin/toggle_comments.html",
        {"article": article, "is_open": is_open, "next": next_url},
    )
