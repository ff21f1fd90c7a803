"""Readers' comments on articles, and their moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Readers' comments on articles, and their moderation."""

    name = "dateline.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from dateline.readers.state import register_state_provider

        from .reader_state import comments_state

        register_state_provider("comments", comments_state)
