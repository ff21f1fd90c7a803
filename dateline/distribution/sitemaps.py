"""Sitemaps (https://www.sitemaps.org/protocol.html), the Google News sitemap and robots.txt.

* ``/sitemap.xml`` (``wagtail.contrib.sitemaps``) lists every live public page
  of both editions with its hreflang alternates (``xhtml:link rel="alternate"``,
  one per live translation, itself included, as Google asks; each page gives
  them in ``get_sitemap_urls``). Past ``settings.DATELINE_SITEMAP_LIMIT`` URLs
  (default 1,000; sitemaps.org allows 50,000) it becomes a sitemap index of
  ``/sitemap-pages.xml?p=1..N``, each file read from the path index at its first page
  (kept with the count until the page tree changes).
* ``/news-sitemap.xml``: articles published in the last 48 hours
  (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap),
  at most 1,000, with ``news:publication`` (edition site name, language) and
  ``news:publication_date`` (W3C date-time with the article's offset).
* ``/robots.txt`` names both sitemaps with absolute URLs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Page, Site

from dateline.news.models import (
    PAGE_LINK_FIELDS,
    ArticlePage,
    EditionPage,
    NewsPage,
    pages_with_page_fields,
    public_pages,
)
from dateline.news.visibility import cached_for_tree

from .absolute import site_url

#: Google News sitemaps list articles of the last two days only...
NEWS_WINDOW = timedelta(hours=48)
#: ...and at most 1,000 URLs per file.
NEWS_LIMIT = 1000
#: Seconds shared caches may keep a sitemap or robots.txt.
CACHE_SECONDS = 300
#: The page sitemap's template: Django's, one ``<url>`` a line and without ``{% spaceless %}``.
SITEMAP_TEMPLATE = "distribution/sitemap.xml"


def edition_roots(site: Site | None) -> list[EditionPage]:
    """The live edition home pages served by ``site`` (every one without a site): its root page and the
    root's translations, in path order, each with its locale.

    Read from ``EditionPage.live_editions`` (kept until the page tree changes), no query; a site
    whose root is not a live edition is asked of the database.
    """
    editions = EditionPage.live_editions()
    if site is not None:
        root = next((edition for edition in editions if edition.pk == site.root_page_id), None)
        if root is None:
            return list(site.root_page.get_translations(inclusive=True).live().order_by("path").specific())
        editions = [edition for edition in editions if edition.translation_key == root.translation_key]
    return sorted(editions, key=lambda edition: edition.path)


class PagesWithVersions:
    """The pages of a sitemap, in path order, whose slices (its files) come with every page's live versions.

    Django's paginator asks for ``count()`` and slices; each slice fetches the hreflang
    versions of all its pages in one query (``NewsPage.attach_live_versions``) instead of
    one query per page.

    The number of pages, the first path of each file of ``per_file`` pages and the newest
    publish time are kept under ``name`` in the default cache until the page tree changes
    (``cached_for_tree``), read in one pass: counting reads every page (about 120 ms at 100,000
    articles), and a file far down the sitemap is then read from the path index at its first
    path instead of skipping every page before it.
    """

    def __init__(self, queryset, name: str, per_file: int):
        self.queryset = queryset.order_by("path")
        self.name = name
        self.per_file = per_file

    def _outline(self) -> tuple[int, list[str], datetime | None]:
        """``(number of pages, [first path of each file], newest publish time)``, read in one pass
        once per tree generation."""

        def read():
            rows = list(self.queryset.values_list("path", "last_published_at"))
            paths = [path for path, _published in rows]
            latest = max((published for _path, published in rows if published is not None), default=None)
            return len(paths), paths[:: self.per_file], latest

        # The key names the value's shape: a running site's cache may hold the older two-item outline.
        return cached_for_tree(f"{self.name}:outline-with-latest:{self.per_file}", read)

    def latest_published(self) -> datetime | None:
        """The newest ``last_published_at`` of these pages (None when none was ever published)."""
        return self._outline()[2]

    def count(self) -> int:
        return self._outline()[0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.queryset.defer_streamfields().specific()[index]
        pages = self.queryset
        start = index.start or 0
        firsts = self._outline()[1]
        if start % self.per_file == 0 and start // self.per_file < len(firsts):
            stop = index.stop if index.stop is not None else start + self.per_file
            pages = pages.filter(path__gte=firsts[start // self.per_file])[: stop - start]
        else:
            pages = pages[index]
        # A sitemap entry reads only Wagtail's page fields (URL, publish time, translations): the pages
        # of their specific classes without their specific rows (an article's body is not read).
        pages = _PageList(pages_with_page_fields(pages, fields=PAGE_LINK_FIELDS))
        NewsPage.attach_live_versions([page for page in pages if isinstance(page, NewsPage)])
        return pages


class _PageList(list):
    """A list of pages that also answers ``iterator()`` (Wagtail's sitemap iterates its page of URLs so)."""

    def iterator(self):
        return iter(self)


class PageSitemap(WagtailSitemap):
    """Every live, public page of the site's editions (Wagtail's sitemap over all edition roots).

    Each page gives its own entry with its hreflang alternates
    (``NewsPage.get_sitemap_urls``); files hold ``settings.DATELINE_SITEMAP_LIMIT`` URLs.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.DATELINE_SITEMAP_LIMIT

    def _pages(self):
        roots = edition_roots(Site.find_for_request(self.request))
        pages = Page.objects.none()
        for root in roots:
            pages = pages | Page.objects.descendant_of(root, inclusive=True)
        return public_pages(pages)

    def _name(self) -> str:
        site = Site.find_for_request(self.request)
        return f"sitemap:{site.pk if site else 'all'}"

    def items(self):
        return PagesWithVersions(self._pages(), name=self._name(), per_file=self.limit)

    def get_latest_lastmod(self):
        """The newest publish time of any listed page (for the index and Last-Modified), kept until the tree
        changes with the sitemap's outline (read in the same pass)."""
        return self.items().latest_published()


#: The fields of an article the news sitemap reads (with its locale's); any other would cost a query per article.
NEWS_ENTRY_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "published_at",
    "time_zone",
    "locale__id",
    "locale__language_code",
)


class NewsSitemap(Sitemap):
    """Articles of the last 48 hours for the Google News sitemap (newest first, at most 1,000).

    Each URL dict adds ``news_name`` (the edition's site name), ``news_language``
    (ISO 639 code), ``news_publication_date`` (W3C date-time string with the article's offset) and ``news_title``.
    """

    limit = NEWS_LIMIT

    def __init__(self, site: Site | None = None, request=None):
        self.site = site
        self.request = request

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        articles = ArticlePage.objects.none()
        for root in edition_roots(self.site):
            articles = articles | ArticlePage.objects.descendant_of(root)
        return (
            articles.visible()
            .filter(published_at__gte=since, published_at__lte=timezone.now())
            .select_related("locale")
            # What an entry shows (URL, language, publish time and zone, headline): not the bodies of
            # up to 1,000 articles.
            .only(*NEWS_ENTRY_FIELDS)
            .order_by("-published_at")[:NEWS_LIMIT]
        )

    def get_urls(self, page=1, site=None, protocol=None):
        """Return the URL dicts of the news sitemap (one file: at most 1,000 articles)."""
        editions = {edition.locale_id: edition for edition in edition_roots(self.site)}
        urls = []
        for article in self.items():
            location = article.get_full_url(self.request)
            edition = editions.get(article.locale_id)
            if not location or edition is None:
                continue
            urls.append(
                {
                    "item": article,
                    "location": location,
                    "news_name": edition.site_name,
                    "news_language": article.locale.language_code,
                    "news_publication_date": article.local_published_at.replace(microsecond=0).isoformat(),
                    "news_title": article.title,
                }
            )
        return urls


def _site(request) -> Site | None:
    return Site.find_for_request(request)


@cache_control(public=True, max_age=CACHE_SECONDS)
def sitemap(request):
    """``/sitemap.xml``: the page sitemap, or a sitemap index once there are more URLs than one file may hold."""
    sitemaps = {"pages": PageSitemap(request)}
    if sitemaps["pages"].paginator.num_pages > 1:
        return wagtail_sitemap_views.index(request, sitemaps, sitemap_url_name="distribution:sitemap-section")
    return wagtail_sitemap_views.sitemap(request, sitemaps, template_name=SITEMAP_TEMPLATE)


@cache_control(public=True, max_age=CACHE_SECONDS)
def sitemap_section(request, section: str):
    """``/sitemap-<section>.xml?p=N``: one file of a sitemap index."""
    return wagtail_sitemap_views.sitemap(
        request, {"pages": PageSitemap}, section=section, template_name=SITEMAP_TEMPLATE
    )


@cache_control(public=True, max_age=CACHE_SECONDS)
def news_sitemap(request):
    """``/news-sitemap.xml``: the Google News sitemap."""
    return sitemap_views.sitemap(
        request, {"news": NewsSitemap(_site(request), request)}, template_name="distribution/news_sitemap.xml"
    )


@cache_control(public=True, max_age=CACHE_SECONDS)
def robots_txt(request):
    """``/robots.txt`` (RFC 9309): crawl all but the admin, the API and the reader endpoints; name both sitemaps.

    The sitemap URLs are built on the configured address (``DATELINE_BASE_URL``), never
    on the request's ``Host`` header, which any client can set.
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        *(f"Disallow: /{code}/-/" for code, _name in settings.LANGUAGES),
        "",
        f"Sitemap: {site_url(reverse('distribution:sitemap'))}",
        f"Sitemap: {site_url(reverse('distribution:news-sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
