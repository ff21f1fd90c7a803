"""Wagtail hooks of the distribution app: the API keys admin and the page feeds."""

from __future__ import annotations

from wagtail import hooks

from dateline.news.models import SERVE_FEED_HOOK

from .admin_views import api_key_viewset
from .feeds import serve_feed


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return api_key_viewset


# Page feeds (``/en/feed/rss/``...) are routes of the news pages, written here.
hooks.register(SERVE_FEED_HOOK, serve_feed)
