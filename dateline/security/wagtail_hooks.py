"""Wagtail admin wiring: the sign-in lockouts and failure log (Settings menu, administrators only)."""

from axes.models import AccessAttempt, AccessFailureLog
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import FailureLogViewSet, LockoutViewSet, ReadOnlyPolicy, SuperuserOnlyPolicy

register_permission_policy(AccessAttempt, SuperuserOnlyPolicy(AccessAttempt))
register_permission_policy(AccessFailureLog, ReadOnlyPolicy(AccessFailureLog))


@hooks.register("register_admin_viewset")
def register_lockouts():
    """Settings → Sign-in lockouts (delete unlocks)."""
    return LockoutViewSet()


@hooks.register("register_admin_viewset")
def register_failure_log():
    """Settings → Sign-in failures (the audit log)."""
    return FailureLogViewSet()
