"""Newsroom roles: the groups of the Wagtail admin and what each may do."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    """Admin groups made by data migrations (see ``dateline/roles/migrations``)."""

    name = "dateline.roles"
    label = "roles"
    verbose_name = _("Roles")
