"""The newsroom's article listing in the Wagtail admin (menu "Articles").

A Wagtail ``PageListingViewSet`` of ``ArticlePage``: columns section, publish time,
source agency, urgency, embargo and status, each a filter too (publish time and
embargo as ranges or states). Rows link to the editor like Wagtail's own listing.
"""

from __future__ import annotations

import django_filters
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState

from dateline.news.dates import datetime_label
from dateline.news.models import ArticlePage, SectionPage, SourceAgency
from dateline.news.newsroom_fields import Urgency

EMBARGO_CHOICES = [("future", _("Under embargo")), ("lifted", _("Embargo lifted")), ("none", _("No embargo"))]
STATUS_CHOICES = [
    ("live", _("Live")),
    ("draft", _("Draft (never published)")),
    ("scheduled", _("Scheduled")),
    ("in_workflow", _("Awaiting approval")),
    ("withdrawn", _("Withdrawn")),
]


def _section_q(queryset, name, value):
    if not value:
        return queryset
    return queryset.child_of(value)


def _embargo_q(queryset, name, value):
    now = timezone.now()
    if value == "future":
        return queryset.filter(embargo__gt=now)
    if value == "lifted":
        return queryset.filter(embargo__lte=now)
    if value == "none":
        return queryset.filter(embargo__isnull=True)
    return queryset


def _status_q(queryset, name, value):
    if value == "live":
        return queryset.filter(live=True)
    if value == "draft":
        return queryset.filter(live=False, first_published_at__isnull=True)
    if value == "scheduled":
        return queryset.filter(live=False).exclude(latest_revision__approved_go_live_at__isnull=True)
    if value == "in_workflow":
        states = WorkflowState.objects.active().filter(
            base_content_type__model="page", base_content_type__app_label="wagtailcore", object_id=OuterRef("pk_text")
        )
        return queryset.annotate(pk_text=Cast("pk", CharField())).filter(Exists(states))
    if value == "withdrawn":
        return queryset.filter(live=False, withdrawal__isnull=False)
    return queryset


class ArticleFilterSet(PageFilterSet):
    """Wagtail's page filters plus the newsroom's: section, publish time, agency, urgency, embargo, status."""

    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=SectionPage.objects.order_by("path").select_related("locale"),
        method=_section_q,
    )
    published_at = django_filters.DateFromToRangeFilter(label=_("Publish time"), widget=DateRangePickerWidget)
    source_agency = django_filters.ModelMultipleChoiceFilter(
        label=_("Source agency"), queryset=SourceAgency.objects.all(), widget=CheckboxSelectMultiple
    )
    urgency = django_filters.MultipleChoiceFilter(
        label=_("Urgency"), choices=Urgency.choices, widget=CheckboxSelectMultiple
    )
    embargo = django_filters.ChoiceFilter(
        label=_("Embargo"), choices=EMBARGO_CHOICES, method=_embargo_q, widget=RadioSelect, empty_label=_("Any")
    )
    newsroom_status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method=_status_q, widget=RadioSelect, empty_label=_("Any")
    )

    class Meta:
        model = ArticlePage
        fields = []


def _section_title(article) -> str:
    section = article.section
    return f"{section.title} ({section.locale.language_code})" if section else ""


def _time_label(value) -> str:
    return datetime_label(value) if value else ""


def _embargo_label(article) -> str:
    if article.embargo is None:
        return ""
    label = datetime_label(article.embargo)
    return _("%(time)s (under embargo)") % {"time": label} if article.is_embargoed else label


def _status_label(article) -> str:
    if not article.live and getattr(article, "withdrawal", None) is not None:
        return str(_("Withdrawn"))
    return ""


def _urgency_label(article) -> str:
    return str(Urgency(article.urgency).label) if article.urgency in Urgency.values else article.urgency


class ArticleListingViewSet(PageListingViewSet):
    """The "Articles" menu item: every article of both editions, newest first, with the newsroom's columns."""

    model = ArticlePage
    icon = "doc-full"
    menu_label = _("Articles")
    menu_order = 110
    add_to_admin_menu = True
    name = "articles"
    filterset_class = ArticleFilterSet
    columns = [
        PageTitleColumn("title", label=_("Headline"), sort_key="title", classname="title"),
        Column("section", label=_("Section"), accessor=_section_title),
        Column(
            "published_at",
            label=_("Publish time"),
            accessor=lambda a: _time_label(a.published_at),
            sort_key="published_at",
        ),
        Column("source_agency", label=_("Source agency"), accessor="source_agency.name"),
        Column("urgency", label=_("Urgency"), accessor=_urgency_label, sort_key="urgency"),
        Column("embargo", label=_("Embargo"), accessor=_embargo_label, sort_key="embargo"),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
        Column("withdrawn", label=_("Withdrawn"), accessor=_status_label),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(default_ordering="-published_at", **kwargs)
