"""Admin pieces shared by the moderation queues of what readers send (comments, error reports).

Each queue is a Wagtail snippet viewset in its own app's ``admin_views.py``; these
bases give them the same permission rule (editors moderate, nobody adds), the same
edit view (only the state changes, through the app's action) and the same bulk action.
"""

from __future__ import annotations

from django.utils.html import format_html
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView


class ReaderSubmissionPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, except that nobody adds one in the admin: readers send them."""

    def user_has_permission(self, user, action):
        """Return False for "add", else whether ``user`` has the model permission for ``action``."""
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        """Whether ``user`` has any of ``actions`` ("add" never counts)."""
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        """Return the users with any of ``actions`` (never for "add")."""
        return super().users_with_any_permission([a for a in actions if a != "add"] or ["change"])


class SetStateEditView(EditView):
    """An item's own page in a queue: only its state is saved, through ``apply_state``."""

    state_field = "state"

    def apply_state(self, value: str) -> None:
        """Set ``value`` on ``self.object`` through the app's action (subclasses)."""
        raise NotImplementedError

    def save_instance(self):
        self.apply_state(self.form.cleaned_data[self.state_field])
        self.object.refresh_from_db()
        return self.object


class SetStateBulkAction(SnippetBulkAction):
    """Base of a queue's bulk actions: ``apply(objects, target, user)`` sets ``target`` on the chosen items.

    Subclasses name ``models``, ``target`` and ``apply`` (returning how many items
    changed) and the wording of the shared confirm page
    (``readers/admin/confirm_bulk_state.html``): ``confirm_question(count)``,
    ``confirm_line(item)``, ``no_access_message`` and ``header_icon``; and
    ``success_message`` (an ``ngettext_lazy`` with ``%(count)d``).
    """

    template_name = "readers/admin/confirm_bulk_state.html"
    target: str = ""
    header_icon = "doc-full"
    no_access_message = ""
    success_message = ""

    @staticmethod
    def apply(objects, target: str, user) -> int:
        """Set ``target`` on ``objects`` for ``user``; return the number changed (subclasses)."""
        raise NotImplementedError

    def confirm_question(self, count: int) -> str:
        """The question above the chosen items, for ``count`` of them, in the active language (subclasses)."""
        raise NotImplementedError

    def confirm_line(self, item) -> str:
        """One chosen item on the confirm page: escaped HTML, each part isolated (``<bdi>``, UAX #9)."""
        return format_html('<bdi dir="auto">{}</bdi> — <bdi dir="auto">{}</bdi>', item, item.article)

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj)

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return cls.apply(objects, cls.target, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = context.get("items", [])
        context.update(
            action_label=self.display_name,
            header_icon=self.header_icon,
            confirm_question=self.confirm_question(len(items)),
            item_lines=[self.confirm_line(entry["item"]) for entry in items],
            no_access_message=self.no_access_message,
        )
        return context
