"""Wagtail admin wiring of the wire desk: the "Wire desk" menu (inbox, sources) and the item and poll views."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import InboxPermissionPolicy, WireDeskViewSetGroup, inbox_item, poll_now
from .models import InboxItem

register_permission_policy(InboxItem, InboxPermissionPolicy(InboxItem))


@hooks.register("register_admin_viewset")
def register_wire_desk():
    """The "Wire desk" menu."""
    return WireDeskViewSetGroup()


@hooks.register("register_admin_urls")
def wire_desk_urls():
    """An inbox item's page (/admin/wire/inbox/<id>/) and a source's poll (/admin/wire/sources/<id>/poll/)."""
    return [
        path("wire/inbox/<int:pk>/", inbox_item, name="wire_inbox_item"),
        path("wire/sources/<int:pk>/poll/", poll_now, name="wire_source_poll"),
    ]
