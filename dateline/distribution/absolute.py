"""Absolute URLs for what leaves the site (feeds, JSON-LD, OpenGraph, ninjs).

The one place that knows a page's site root, how an image rendition or a static
file becomes an absolute URL, and how links inside an HTML fragment are made
absolute.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page


def site_root(page: Page, request=None) -> str:
    """Absolute root URL (ending in "/") of the Wagtail site ``page`` is served on.

    The scheme and host of the page's full URL (from Wagtail's cached site root paths:
    no query; ``request`` lets Wagtail reuse its per-request site lookup), else the
    root URL of the ``Site`` that serves it.
    """
    parts = urlsplit(page.get_full_url(request) or "")
    if parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/"
    site = page.get_site()
    return site.root_url + "/" if site is not None else "/"


def site_url(path: str) -> str:
    """``path`` (starting with "/", query allowed) on the configured public address, ``DATELINE_BASE_URL``.

    For URLs that belong to no page (robots.txt's sitemaps, the API's links): never
    built from the request's ``Host`` header, which any client can set.
    """
    return f"{settings.DATELINE_BASE_URL}{path}"


def absolute_url(page: Page, path: str) -> str:
    """``path`` (an image rendition's or a static file's URL, maybe already absolute) on ``page``'s site."""
    return urljoin(site_root(page), path)


def absolutize_html(html: str, base_url: str) -> str:
    """Return the HTML fragment ``html`` with every link and image URL made absolute against ``base_url``.

    The fragment's text stays escaped as it came (``a &lt; b`` stays ``a &lt; b``);
    a blank fragment gives "".
    """
    if not html.strip():
        return ""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    wrapper.make_links_absolute(base_url, resolve_base_href=False)
    parts = [escape(wrapper.text)] if wrapper.text else []
    parts += [lxml.html.tostring(child, encoding="unicode") for child in wrapper]
    return "".join(parts)
