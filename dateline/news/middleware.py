"""The request's Wagtail site, with its root page (an edition), from the page tree cache."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Site

from .visibility import cached_for_tree


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's ``Site`` for ``request``'s host and port, its root page the specific edition; or None.

    Wagtail looks the site up with a query on every request (``Site.find_for_request``), and
    routing then fetches the root page's own fields (``.specific``), another query. Both are
    kept in the default cache under the page tree's generation (``cached_for_tree``), which a
    page's or a site's save or deletion renews. Raises ``DisallowedHost`` for a host outside
    ``ALLOWED_HOSTS`` (``request.get_host``), before anything is stored.
    """
    host = request.get_host()

    def read() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return cached_for_tree(f"site:{host}:{request.get_port()}", read)


class SiteMiddleware:
    """Gives Wagtail the request's site (``request._wagtail_site``, where ``Site.find_for_request``
    keeps it) from ``site_for_request``: no site query, and no root page query when routing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
