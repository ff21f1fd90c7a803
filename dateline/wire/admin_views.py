"""The wire desk in the Wagtail admin: the inbox, one item's page (take or dismiss), the sources.

Menu "Wire desk": *Inbox* (new items first; filters by status, source,
language, urgency and format; search in headline, text and byline) and
*Sources* (feeds, pages, ninjs endpoints, watched folders with their polling
state). An item's page shows the copy as received with its metadata and takes
it into a draft article of the chosen section (the article opens in the page
editor) or dismisses it. Nobody adds or edits an inbox item by hand.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from dateline.news.models import SectionPage

from . import desk
from .ingest import poll_source
from .models import InboxItem, WireSource

URGENCY_CHOICES = [(n, str(n)) for n in range(1, 10)]
FORMAT_CHOICES = [
    ("rss", "RSS"),
    ("atom", "Atom"),
    ("rdf", "RDF"),
    ("page", _("Web page")),
    ("newsml-g2", "NewsML-G2"),
    ("newsml-1", "NewsML 1.x"),
    ("nitf", "NITF"),
    ("ninjs", "ninjs"),
]
ALL = "all"


class InboxPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody adds or edits an inbox item in a form (they arrive from sources)."""

    def user_has_permission(self, user, action):
        """``False`` for "add" and "change" (taking and dismissing check the change permission themselves)."""
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


def can_decide(user) -> bool:
    """Whether ``user`` may take or dismiss inbox items (the ``wire.change_inboxitem`` permission)."""
    return user.is_active and user.has_perm("wire.change_inboxitem")


class InboxFilterSet(WagtailFilterSet):
    """Filters of the inbox: status (new by default), source, language, urgency, format."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*InboxItem.Status.choices, (ALL, _("All"))],
        method="filter_status",
        empty_label=None,
        null_label=None,
    )
    source = django_filters.ModelChoiceFilter(label=_("Source"), queryset=WireSource.objects.all())
    language = django_filters.CharFilter(label=_("Language"), lookup_expr="iexact")
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=URGENCY_CHOICES)
    format = django_filters.ChoiceFilter(label=_("Format"), choices=FORMAT_CHOICES)

    class Meta:
        model = InboxItem
        fields = ["status", "source", "language", "urgency", "format"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = InboxItem.Status.NEW
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        """Items of the chosen status; every item for "all"."""
        return queryset if value == ALL else queryset.filter(status=value)


def item_url(item: InboxItem) -> str:
    """The admin address of an inbox item's own page."""
    return reverse("wire_inbox_item", args=[item.pk])


def _status(item: InboxItem) -> str:
    label = item.get_status_display()
    if item.update_of_id:
        return format_html("{} · <strong>{}</strong>", label, gettext("update"))
    return label


class InboxViewSet(ModelViewSet):
    """The wire inbox: received items, newest first; read-only, decided on each item's page."""

    model = InboxItem
    name = "wire_inbox"
    icon = "mail"
    menu_label = _("Inbox")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title"]  # required by ModelViewSet; the policy forbids adding and editing
    filterset_class = InboxFilterSet
    search_fields = ["title", "original_text", "byline", "lead", "subheadline"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn("title", label=_("Headline"), get_url=item_url),
        Column("source", label=_("Source")),
        DateColumn("received_at", label=_("Received")),
        Column("urgency", label=_("Urgency")),
        Column("language", label=_("Language")),
        Column("format", label=_("Format")),
        Column("status", label=_("Status"), accessor=_status),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=_("Wire inbox"), **kwargs)

    def get_queryset(self, request):
        return InboxItem.objects.select_related("source").order_by("-received_at", "-pk")


class TakeForm(forms.Form):
    """The section (of any edition) an item goes to."""

    section = forms.ModelChoiceField(label=_("Section"), queryset=SectionPage.objects.none())

    def __init__(self, *args, item: InboxItem, **kwargs):
        super().__init__(*args, **kwargs)
        sections = SectionPage.objects.select_related("locale").order_by("locale__language_code", "path")
        field = self.fields["section"]
        field.queryset = sections
        field.label_from_instance = lambda s: f"{s.title} ({s.locale.get_display_name()})"
        default = None
        if item.source is not None:
            default = item.source.section or sections.filter(locale=item.source.locale).first()
        if default is None and item.language:
            default = sections.filter(locale__language_code=item.language).first()
        if default is not None:
            field.initial = default.pk


def inbox_item(request, pk: int):
    """An inbox item's page: the copy with its metadata; POST takes it into a draft or dismisses/restores it."""
    if not request.user.has_perm("wire.view_inboxitem") and not can_decide(request.user):
        raise PermissionDenied
    item = get_object_or_404(InboxItem.objects.select_related("source", "article", "update_of"), pk=pk)
    form = TakeForm(request.POST or None, item=item)
    if request.method == "POST":
        if not can_decide(request.user):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "dismiss":
            desk.dismiss([item.pk], request.user)
            messages.success(request, _("“%(title)s” dismissed.") % {"title": item.title})
            return redirect("wire_inbox:index")
        if action == "restore":
            desk.restore([item.pk])
            messages.success(request, _("“%(title)s” is back in the inbox.") % {"title": item.title})
            return redirect("wire_inbox_item", pk=item.pk)
        if action == "take" and form.is_valid():
            try:
                article, _note = desk.take(item, form.cleaned_data["section"], user=request.user)
            except desk.TakeError:
                messages.error(request, _("This item was already taken or dismissed."))
                return redirect("wire_inbox_item", pk=item.pk)
            except ValidationError as exc:
                messages.error(request, _("The article could not be created: %(errors)s") % {"errors": exc})
                return redirect("wire_inbox_item", pk=item.pk)
            messages.success(request, _("“%(title)s” is now a draft article.") % {"title": article.title})
            return redirect("wagtailadmin_pages:edit", article.pk)
    earlier_article = desk._taken_article(item) if item.update_of_id else None
    return TemplateResponse(
        request,
        "wire/admin/inbox_item.html",
        {
            "item": item,
            "form": form,
            "body": mark_safe(item.body_html),  # sanitised by dateline.wire.richtext on arrival  # noqa: S308
            "can_decide": can_decide(request.user),
            "earlier_article": earlier_article,
            "updates": item.updates.order_by("-pk"),
            "warnings": [w for w in item.warnings.splitlines() if w.strip()],
        },
    )


def poll_now(request, pk: int):
    """Poll one source at once: GET asks to confirm, POST polls; the outcome is a message."""
    if not request.user.has_perm("wire.change_wiresource"):
        raise PermissionDenied
    source = get_object_or_404(WireSource, pk=pk)
    if request.method != "POST":
        return TemplateResponse(request, "wire/admin/poll_source.html", {"source": source})
    report = poll_source(source)
    if report.error:
        messages.error(request, _("%(source)s failed: %(error)s") % {"source": source.name, "error": report.error})
    else:
        messages.success(
            request,
            _("%(source)s: %(new)d new, %(updates)d updates, %(duplicates)d already received.")
            % {"source": source.name, "new": report.new, "updates": report.updates, "duplicates": report.duplicates},
        )
    return redirect("wire_sources:index")


def _source_state(source: WireSource) -> str:
    if not source.enabled:
        return gettext("Off")
    if source.failures:
        return format_html(
            '<span class="w-text-critical-200" title="{}">{}</span>',
            source.last_error,
            gettext("Failing (%(n)d in a row): %(error)s") % {"n": source.failures, "error": source.last_error[:80]},
        )
    if source.last_success_at:
        return gettext("OK")
    return gettext("Not polled yet")


def _poll_link(source: WireSource) -> str:
    return format_html('<a href="{}">{}</a>', reverse("wire_source_poll", args=[source.pk]), gettext("Poll now"))


class SourceFilterSet(WagtailFilterSet):
    """Filters of the sources: type, edition, on/off, failing."""

    failing = django_filters.BooleanFilter(label=_("Failing"), method="filter_failing")

    class Meta:
        model = WireSource
        fields = ["kind", "locale", "enabled"]

    def filter_failing(self, queryset, name, value):
        """Sources whose last poll failed (``True``) or did not (``False``)."""
        return queryset.filter(failures__gt=0) if value else queryset.filter(Q(failures=0))


class WireSourceViewSet(ModelViewSet):
    """Wire sources: what is polled, where its copy goes, whom it credits, and how its last polls went."""

    model = WireSource
    name = "wire_sources"
    icon = "download"
    menu_label = _("Sources")
    add_to_admin_menu = False
    copy_view_enabled = False
    filterset_class = SourceFilterSet
    search_fields = ["name", "url", "folder"]
    search_backend_name = None
    list_display = [
        "name",
        Column("kind", label=_("Type"), accessor="get_kind_display"),
        Column("locale", label=_("Edition"), accessor=lambda s: s.locale.get_display_name()),
        Column("state", label=_("State"), accessor=_source_state),
        DateColumn("last_polled_at", label=_("Last polled")),
        DateColumn("next_poll_at", label=_("Next poll")),
        Column("poll", label="", accessor=_poll_link),
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldPanel("url"),
            FieldPanel("folder"),
            FieldRowPanel(
                [
                    FieldPanel("api_key", widget=forms.PasswordInput(render_value=True)),
                    FieldPanel("api_key_header"),
                ],
                heading=_("Agency endpoint"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("locale"), FieldPanel("section")]),
                    FieldPanel("agency"),
                ],
                heading=_("Where the copy goes"),
            ),
            FieldRowPanel([FieldPanel("interval"), FieldPanel("enabled")]),
            FieldRowPanel([FieldPanel("language"), FieldPanel("encoding")], heading=_("Reading the copy")),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("last_polled_at", read_only=True),
                            FieldPanel("last_success_at", read_only=True),
                            FieldPanel("next_poll_at", read_only=True),
                        ]
                    ),
                    FieldRowPanel(
                        [FieldPanel("failures", read_only=True), FieldPanel("last_error_at", read_only=True)]
                    ),
                    FieldPanel("last_error", read_only=True),
                    FieldPanel("last_warnings", read_only=True),
                ],
                heading=_("Polling state"),
            ),
        ]
    )

    def get_queryset(self, request):
        return WireSource.objects.select_related("locale")


class WireDeskViewSetGroup(ModelViewSetGroup):
    """The "Wire desk" admin menu: the inbox and the sources."""

    items = (InboxViewSet, WireSourceViewSet)
    menu_label = _("Wire desk")
    menu_icon = "mail"
    menu_order = 150
