"""The admin of API keys: a Wagtail model viewset under the “API keys” menu item (wired in ``wagtail_hooks``).

Creating a key shows it once, on the page that follows; only its hash is kept.
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .actions import assign_new_secret
from .models import ApiKey


class ApiKeyCreateView(CreateView):
    """Create a key, then show the full key once instead of redirecting to the list."""

    def save_instance(self):
        self.raw_key = assign_new_secret(self.form.instance)
        return super().save_instance()

    def save_action(self):
        return TemplateResponse(
            self.request,
            "distribution/admin/api_key_created.html",
            {
                "api_key": self.object,
                "raw_key": self.raw_key,
                "page_title": _("API key created"),
                "header_icon": "key",
                "header_title": _("API key created"),
                "index_url": reverse(self.index_url_name),
            },
        )


class KeyStatusColumn(Column):
    """“Active” or “Revoked” in the admin's language (Wagtail's boolean column titles its icons in English)."""

    def get_value(self, instance):
        return gettext("Active") if instance.is_active else gettext("Revoked")


class ApiKeyViewSet(ModelViewSet):
    """List, create, edit (rename, change the limit, revoke) and delete API keys."""

    model = ApiKey
    icon = "key"
    add_to_admin_menu = True
    menu_label = _("API keys")
    menu_order = 900
    copy_view_enabled = False
    add_view_class = ApiKeyCreateView
    form_fields = ["name", "subscriber", "rate_limit_per_minute", "is_active", "embargoed_content_allowed"]
    list_display = [
        "subscriber",
        "name",
        "prefix",
        KeyStatusColumn("is_active", label=_("status")),
        "rate_limit_per_minute",
        "last_used_at",
        "created_at",
    ]
    list_filter = ["is_active", "embargoed_content_allowed"]
    search_fields = ["name", "subscriber", "prefix"]


api_key_viewset = ApiKeyViewSet("api_keys")
