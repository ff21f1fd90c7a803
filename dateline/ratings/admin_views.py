"""The ratings queue in the Wagtail admin: figures per article, and the votes, read-only.

Editors may delete an abusive vote; the deletion goes through ``actions.delete_vote``
so that the article's count and average stay exact. Nobody adds or edits votes here.
"""

from __future__ import annotations

import django_filters
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import actions
from .forms import STAR_CHOICES
from .models import ArticleRating, Vote


class VotePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that votes are never added or changed in the admin."""

    def user_has_permission(self, user, action):
        """Return ``False`` for "add" and "change"; else the user's Django model permission."""
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class ArticleRatingPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, view only: the figures change with the votes, never by hand."""

    def user_has_permission(self, user, action):
        """Return ``False`` for anything but "view"; else the user's Django model permission."""
        if action != "view":
            return False
        return super().user_has_permission(user, action)


class VoteFilterSet(WagtailFilterSet):
    """Filters of the votes list: the article (by page id, as linked from the figures list) and the stars."""

    article = django_filters.NumberFilter(field_name="article_id", label=_("Article ID"))
    value = django_filters.ChoiceFilter(choices=[(n, str(n)) for n in STAR_CHOICES], label=_("Stars"))
    anonymous = django_filters.BooleanFilter(field_name="user", lookup_expr="isnull", label=_("Anonymous"))

    class Meta:
        model = Vote
        fields = ["article", "value", "anonymous"]


class VoteDeleteView(generic.DeleteView):
    """Delete one vote through ``actions.delete_vote`` (keeps the article's figures exact)."""

    def delete_action(self):
        """Delete ``self.object`` and take it out of its article's figures."""
        actions.delete_vote(self.object.pk)


class VoteViewSet(ModelViewSet):
    """Votes, newest first; read-only except for deleting abusive votes."""

    model = Vote
    name = "ratings_votes"
    icon = "pick"
    menu_label = _("Votes")
    menu_order = 200
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["article", "value", "voter", "ip_hash", "created_at", "updated_at"]
    form_fields = ["value"]  # required by ModelViewSet; the policy forbids adding and editing
    filterset_class = VoteFilterSet
    delete_view_class = VoteDeleteView
    list_per_page = 50
    list_display = [
        "article",  # the title column: links to the vote's inspect view, with the Delete action
        Column("value", label=_("Stars")),
        Column("voter", label=_("Voter")),
        DateColumn("created_at", label=_("Voted at")),
        DateColumn("updated_at", label=_("Changed at")),
    ]

    def get_queryset(self, request):
        return Vote.objects.select_related("article", "user")


def _votes_link(rating: ArticleRating) -> str:
    url = reverse("ratings_votes:index") + f"?article={rating.pk}"
    return format_html('<a href="{}">{}</a>', url, number_format(rating.vote_count, force_grouping=True))


def _average(rating: ArticleRating) -> str:
    average = rating.average
    return number_format(average, decimal_pos=1) if average is not None else "—"


class ArticleRatingViewSet(ModelViewSet):
    """Each rated article with its number of votes and average; links to the article's votes."""

    model = ArticleRating
    name = "ratings_articles"
    icon = "pick"
    menu_label = _("Rated articles")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["article", "vote_count", "vote_sum", "average", "updated_at"]
    form_fields = ["vote_count"]  # required by ModelViewSet; the policy allows viewing only
    list_filter = ["article__locale"]
    list_per_page = 50
    list_display = [
        "article",  # the title column: links to the inspect view
        Column("locale", label=_("Edition"), accessor=lambda rating: rating.article.locale.get_display_name()),
        Column("vote_count", label=_("Votes"), accessor=_votes_link),
        Column("average", label=_("Average"), accessor=_average),
        DateColumn("updated_at", label=_("Last vote")),
    ]

    def get_queryset(self, request):
        return ArticleRating.objects.select_related("article", "article__locale").filter(vote_count__gt=0)


def register_permission_policies() -> None:
    """Register the read-only permission policies of ``Vote`` and ``ArticleRating`` (from ``AppConfig.ready``)."""
    register_permission_policy(Vote, VotePermissionPolicy(Vote))
    register_permission_policy(ArticleRating, ArticleRatingPermissionPolicy(ArticleRating))


class RatingsViewSetGroup(ModelViewSetGroup):
    """The "Ratings" admin menu: rated articles and votes."""

    items = (ArticleRatingViewSet, VoteViewSet)
    menu_label = _("Ratings")
    menu_icon = "pick"
    menu_order = 250
