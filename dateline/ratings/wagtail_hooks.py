"""Wagtail hooks of the ratings app: the "Ratings" menu (rated articles, votes); the figures read with a
routed article."""

from wagtail import hooks

from dateline.news.models import ARTICLE_ANNOTATIONS_HOOK

from .admin_views import RatingsViewSetGroup
from .summary import figures_annotations

hooks.register(ARTICLE_ANNOTATIONS_HOOK, figures_annotations)


@hooks.register("register_admin_viewset")
def register_ratings_viewsets():
    """Register the ratings admin views and their menu."""
    return RatingsViewSetGroup()
