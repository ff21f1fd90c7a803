"""The editors' queue of error reports in the Wagtail admin: listing, filters, status changes.

Registered in ``wagtail_hooks.py``. Readers create reports; editors never add one, they
mark reports fixed, dismiss them or reopen them (bulk actions, or the status on a
report's own page), and follow the link to the article in the page editor.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.readers.admin_views import ReaderSubmissionPermissionPolicy, SetStateBulkAction, SetStateEditView

from .actions import set_status
from .models import ErrorReport


class ErrorReportPermissionPolicy(ReaderSubmissionPermissionPolicy):
    """Django model permissions, except that nobody adds a report in the admin (readers do)."""


class ErrorReportEditView(SetStateEditView):
    """A report's own page: the passage and comments read-only, the status editable.

    The status goes through ``actions.set_status`` (which records when it changed).
    """

    state_field = "status"

    def apply_state(self, value: str) -> None:
        set_status([self.object.pk], value)


class ErrorReportViewSet(SnippetViewSet):
    """The "Error reports" menu item: open, fixed and dismissed reports, newest first."""

    model = ErrorReport
    icon = "warning"
    menu_label = _("Error reports")
    menu_name = "error-reports"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    edit_view_class = ErrorReportEditView
    list_display = ["passage_html", "article_link", "comments_html", "count", "locale", "status", "created_at"]
    list_filter = ["status", "locale"]
    list_per_page = 50
    ordering = ["-last_reported_at", "-pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("status"),
            FieldPanel("article", read_only=True),
            FieldPanel("selected_text", read_only=True),
            FieldPanel("context_before", read_only=True),
            FieldPanel("context_after", read_only=True),
            FieldPanel("count", read_only=True),
            FieldPanel("locale", read_only=True),
            FieldPanel("created_at", read_only=True),
            FieldPanel("status_changed_at", read_only=True),
        ]
    )

    def get_queryset(self, request):
        """The reports with their article and language, for the listing."""
        return ErrorReport.objects.select_related("article", "locale").prefetch_related("submissions")


class SetStatusBulkAction(SetStateBulkAction):
    """Base of the status bulk actions: ``target`` is set on the chosen reports."""

    models = [ErrorReport]
    header_icon = "warning"
    no_access_message = _("You don't have permission to change these error reports")

    @staticmethod
    def apply(objects, target: str, user) -> int:
        return set_status([obj.pk for obj in objects], target)

    def confirm_question(self, count: int) -> str:
        return ngettext(
            "Set the status of this error report to “%(status)s”?",
            "Set the status of these %(counter)s error reports to “%(status)s”?",
            count,
        ) % {"counter": count, "status": ErrorReport.Status(self.target).label}

    def confirm_line(self, item) -> str:
        return format_html("{} — {}", item.passage_html(), item.article.title)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d error report is now “%(status)s”.",
            "%(count)d error reports are now “%(status)s”.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": ErrorReport.Status(self.target).label}


class MarkFixedBulkAction(SetStatusBulkAction):
    """Mark the chosen reports fixed."""

    display_name = _("Mark fixed")
    action_type = "errorreport_mark_fixed"
    aria_label = _("Mark the selected error reports fixed")
    action_priority = 10
    target = ErrorReport.Status.FIXED


class DismissBulkAction(SetStatusBulkAction):
    """Dismiss the chosen reports (not an error)."""

    display_name = _("Dismiss")
    action_type = "errorreport_dismiss"
    aria_label = _("Dismiss the selected error reports")
    action_priority = 20
    target = ErrorReport.Status.DISMISSED


class ReopenBulkAction(SetStatusBulkAction):
    """Open the chosen reports again."""

    display_name = _("Reopen")
    action_type = "errorreport_reopen"
    aria_label = _("Reopen the selected error reports")
    action_priority = 25
    target = ErrorReport.Status.OPEN
