"""Wagtail admin hooks: the "Error reports" queue and its bulk actions (see ``admin_views``)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_views import (
    DismissBulkAction,
    ErrorReportPermissionPolicy,
    ErrorReportViewSet,
    MarkFixedBulkAction,
    ReopenBulkAction,
)
from .models import ErrorReport

register_permission_policy(ErrorReport, ErrorReportPermissionPolicy(ErrorReport))
register_snippet(ErrorReportViewSet)

for action in (MarkFixedBulkAction, DismissBulkAction, ReopenBulkAction):
    hooks.register("register_bulk_action", action)


@hooks.register("insert_global_admin_css")
def errorreports_admin_css():
    """The queue's small stylesheet (the marked selection in its context)."""
    return format_html('<link rel="stylesheet" href="{}">', static("errorreports/admin.css"))
