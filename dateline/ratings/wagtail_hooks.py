"""Wagtail admin hooks of the ratings app: the "Ratings" menu (rated articles, votes)."""

from wagtail import hooks

from .admin_views import RatingsViewSetGroup


@hooks.register("register_admin_viewset")
def register_ratings_viewsets():
    """Register the ratings admin views and their menu."""
    return RatingsViewSetGroup()
