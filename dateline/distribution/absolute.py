"""Absolute URLs for what leaves the site (feeds, JSON-LD, OpenGraph, ninjs).

The one place that knows a page's site root, how an image rendition or a static
file becomes an absolute URL, and how links inside an HTML fragment are made
absolute.

An article's text as it leaves the site (``article_html``: feeds' full text, ninjs bodies) is
kept per worker process (``news.fragments``) by its stored rich text, lead, base URL and
language: expanding it and making its links absolute took a fifth of a feed's render, and a feed
rendered again after a publish shows 49 texts of 50 unchanged. What lies outside that key: the URL
of a page the text links to, which changes when that page moves (Wagtail then redirects the old
URL), and a rendition file deleted outside Wagtail; both are right again within
``TEXT_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from dateline.news.fragments import FragmentCache

#: Article texts as they leave the site (``article_html``) kept per process, and for how many seconds at most.
TEXT_CACHE_SIZE = 1000
TEXT_CACHE_SECONDS = 600

texts = FragmentCache(TEXT_CACHE_SIZE, TEXT_CACHE_SECONDS)


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


def article_html(body: str, base_url: str, lead: str = "") -> str:
    """Return an article's text as it leaves the site: ``lead`` (plain text) as a first paragraph when
    given, then ``body`` (Wagtail rich text as stored, expanded by ``expand_db_html`` in the active
    language), every link and image URL made absolute against ``base_url`` (``absolutize_html``).

    Kept per process (see the module doc); "" for a blank text.
    """
    lead_html = f"<p>{escape(lead)}</p>" if lead else ""
    source = lead_html + (body or "")
    digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    key = (digest, base_url, get_language())
    html = texts.get(key)
    if html is None:
        html = absolutize_html(lead_html + expand_db_html(body or ""), base_url)
        texts.set(key, html)
    return html
