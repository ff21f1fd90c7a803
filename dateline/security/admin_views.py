"""Sign-in lockouts in the Wagtail admin (Settings → Sign-in lockouts), for administrators only.

The list shows the accounts and addresses django-axes is counting failures for;
deleting an entry unlocks it (``axes.utils.reset``). The audit log lists every failed
sign-in (``AccessFailureLog``: time, account name, address, path, whether it was locked out).
"""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Only active superusers see lockouts and the sign-in log; nobody adds or edits them."""

    deletable = True

    def user_has_permission(self, user, action):
        if action in ("add", "change", "copy"):
            return False
        if action == "delete" and not self.deletable:
            return False
        return bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyPolicy(SuperuserOnlyPolicy):
    """The audit log can be read, never changed or deleted from the admin."""

    deletable = False


class LockoutViewSet(ModelViewSet):
    """Counted failures and lockouts; "Delete" unlocks the account or address."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    name = "signin_lockouts"
    url_prefix = "security/lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    list_filter = ["username", "ip_address"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    copy_view_enabled = False
    form_fields = ["username"]  # never editable (the policy refuses "change"); Wagtail wants a form
    add_to_settings_menu = True


class FailureLogViewSet(ModelViewSet):
    """Every failed sign-in, newest first (the audit record)."""

    model = AccessFailureLog
    icon = "list-ul"
    menu_label = _("Sign-in failures")
    name = "signin_failures"
    url_prefix = "security/failures"
    list_display = ["attempt_time", "username", "ip_address", "locked_out", "path_info"]
    list_filter = ["locked_out"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = True
    inspect_view_fields = ["attempt_time", "username", "ip_address", "user_agent", "path_info", "locked_out"]
    copy_view_enabled = False
    form_fields = ["username"]  # never editable (the policy refuses "change"); Wagtail wants a form
    add_to_settings_menu = True
