"""The content model of a news agency: editions, sections, articles, dossiers.

The page tree of one site::

    Root
      EditionPage (en)        /en/          ── translation ──  EditionPage (ru)   /ru/
        SectionPage           /en/news/
          ArticlePage         /en/news/<slug>/
        DossierPage           /en/<slug>/   (a story backgrounder)

Russian and English editions are Wagtail translations of one another (same
``translation_key``); an article's translation is found the same way.
"""

from __future__ import annotations

import datetime
import zoneinfo
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import DEFERRED, Exists, F, OuterRef, Q, prefetch_related_objects
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.queryset import FakeQuerySet
from taggit.models import Tag, TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, PageManager, PageQuerySet, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .dates import local_time
from .forms import NewsPageForm
from .newsroom_fields import (  # noqa: F401
    ArticleCorrection,
    ArticlePublication,
    NewsroomArticleFields,
    public_pages,
    released,
)
from .slugs import transliterated_slug
from .text import fold_yo, html_to_text
from .visibility import cached_for_tree, exclude_hidden, hidden_subtrees

ARTICLES_PER_PAGE = 20
#: Articles in the edition home's "Latest news", and in each of its section blocks.
TOP_STORIES = 5
SECTION_BLOCK = 6
# The newsroom's part of the article editor: urgency, breaking banner, embargo, corrections.
NEWSROOM_PANELS = [
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("urgency"), FieldPanel("embargo")]),
            FieldRowPanel([FieldPanel("breaking"), FieldPanel("breaking_until")]),
        ],
        heading=_("Urgency, breaking news and embargo"),
    ),
    InlinePanel(
        "corrections",
        heading=_("Corrections and updates"),
        label=_("Correction or update"),
        help_text=_("Add one when republishing with a change readers should know of; a typo fix needs none."),
    ),
]
#: Name of the Wagtail hook that serves a page's feed (registered by the distribution app):
#: ``fn(request, page, feed_format, tag=None) -> HttpResponse``.
SERVE_FEED_HOOK = "dateline_serve_feed"
#: Name of the Wagtail hook by which an app reads what its part of an article page shows along with the
#: article, in the query that routes to it (``EditionPage.route``): ``fn() -> {name: expression}``, each
#: an annotation of ``ArticlePage`` set on the routed article as an attribute. An app's reader of it must
#: also answer for an article read without it (``name not in article.__dict__``: previews, other pages).
ARTICLE_ANNOTATIONS_HOOK = "dateline_article_annotations"


def default_time_zone() -> str:
    """The default zone of a new article: ``settings.DATELINE_TIME_ZONE`` (an IANA name)."""
    return settings.DATELINE_TIME_ZONE


def validate_time_zone(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is an IANA time zone name."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Moscow."),
            code="invalid_time_zone",
            params={"value": value},
        )


class SourceAgency(TranslatableMixin, models.Model):
    """A news agency whose copy an article re-reports and credits (e.g. TASS).

    Translatable: the Russian edition credits «ТАСС», the English one TASS.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("As credited in the text, e.g. TASS, Reuters."))
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("source agency")
        verbose_name_plural = _("source agencies")

    def __str__(self) -> str:
        return self.name


register_snippet(SourceAgency)


def with_public_cache(response):
    """Mark a successful reader-page response cacheable by shared caches, and return it.

    Reader pages (and their feeds) are the same for every reader: the reader's own state
    (vote, pending comment, CSRF token) comes from ``readers.views.reader_state`` after the
    page loads. ``DATELINE_PAGE_CACHE_SECONDS`` (default 60) sets ``max-age``; 0 turns it
    off. A response that already has ``Cache-Control`` is left as it is.
    """
    max_age = settings.DATELINE_PAGE_CACHE_SECONDS
    if max_age > 0 and response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def paginate(request, queryset, per_page: int = ARTICLES_PER_PAGE, count_key: str | None = None):
    """Return the page of ``queryset`` named by ``?page=``; 404 past the last page.

    With ``count_key`` the number of items is kept in the default cache until the page tree
    changes (``cached_for_tree``): counting a section of 25,000 articles reads them all on every
    render. Between two changes of the tree an embargo that lifts by itself can leave the count
    one short, for ``news.visibility.CACHE_SECONDS`` at most (the worker's release renews it).
    """
    paginator = Paginator(queryset, per_page)
    if count_key is not None:
        paginator.__dict__["count"] = cached_for_tree(f"count:{count_key}", queryset.count)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as exc:
        raise Http404(str(exc)) from exc


#: The page fields that a link to a page (its URL, language and translations) and a sitemap entry (its
#: publish time) read: ``pages_with_page_fields``'s ``fields`` for them. Reading and converting the
#: others (six dates among them) doubled the time of a sitemap file.
PAGE_LINK_FIELDS = (
    "id",
    "content_type_id",
    "path",
    "depth",
    "url_path",
    "slug",
    "translation_key",
    "locale_id",
    "live",
    "last_published_at",
    "latest_revision_created_at",
)


def pages_with_page_fields(queryset, with_locale: bool = False, fields=None, built=None) -> list[Page]:
    """The pages of ``queryset`` (a queryset of Wagtail ``Page``), in its order, in one query: each an
    instance of its specific class holding only Wagtail's ``Page`` fields (or only ``fields``, attribute
    names of ``Page`` fields that include ``id`` and ``content_type_id``).

    What ``queryset.specific(defer=True)`` gives, for lists that read no field of the specific
    models (the sitemap: URLs, publish times, translations). Wagtail builds a ``Page`` first and
    then a specific page from it, two constructors per row (about 150 µs); here each row becomes
    its specific page at once through ``Model.from_db``. Reading a specific field of one of these
    pages costs a query, as with Wagtail's deferred pages. With ``with_locale`` each page also
    has its ``locale`` (read along, no query of its own). ``built`` (``{id: page}``) holds pages
    already built from the same fields: the row of one of them gives that page, not a new one.
    """
    # In the model's order of fields, as ``Model.from_db`` takes them.
    names = [field.attname for field in Page._meta.concrete_fields if not fields or field.attname in fields]
    columns = [*names, "locale__language_code"] if with_locale else names
    locales: dict[int, Locale] = {}
    # Per content type: the model, and the fields its rows give (a child of Page also gets its link to
    # the parent row, which is the page's id).
    models_by_type: dict[int, tuple[type[Page], list[str], bool]] = {}
    pages = []
    for row in queryset.values_list(*columns):
        values = dict(zip(columns, row, strict=True))
        if built and values["id"] in built:
            pages.append(built[values["id"]])
            continue
        content_type_id = values["content_type_id"]
        if content_type_id not in models_by_type:
            model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
            ptr = model._meta.get_ancestor_link(Page) if model is not Page else None
            models_by_type[content_type_id] = (model, [*names, ptr.attname] if ptr else names, ptr is not None)
        model, loaded, with_ptr = models_by_type[content_type_id]
        page_values = [values[name] for name in names]
        if with_ptr:
            page_values.append(values["id"])
        page = model.from_db(queryset.db, loaded, page_values)
        if with_locale:
            locale_id = values["locale_id"]
            if locale_id not in locales:
                locales[locale_id] = Locale(id=locale_id, language_code=values["locale__language_code"])
            page.locale = locales[locale_id]
        pages.append(page)
    return pages


#: ``NewsPage.from_db``'s row layouts, per model and loaded fields: a row of every field, the unloaded
#: deferred, and the places of the loaded ones.
_ROW_LAYOUTS: dict[tuple, tuple[list, list[int]]] = {}


class NewsPage(Page):
    """Abstract base of Dateline's pages: edition lookup and translation links."""

    base_form_class = NewsPageForm

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        """A page read from the database, built as Django's ``Model.from_db`` builds it, without the
        constructors of Wagtail's ``AbstractPage`` and ``ShowInMenusMixin`` and of modelcluster's
        ``ClusterableModel``.

        Those act only on a new page (defaults when it has no id) or on child objects given as
        keyword arguments; a stored row has an id and comes as positional values. Yet
        modelcluster's lists every field of the model for each instance: with it, building a
        page took about three times as long (a search page builds 200, a sitemap file 1,000).
        """
        if len(values) != len(cls._meta.concrete_fields):
            # Values of the loaded fields (in the model's order) at their places, the others deferred.
            key = (cls, tuple(field_names))
            layout = _ROW_LAYOUTS.get(key)
            if layout is None:
                fields, loaded = cls._meta.concrete_fields, set(field_names)
                layout = _ROW_LAYOUTS[key] = (
                    [DEFERRED] * len(fields),
                    [place for place, field in enumerate(fields) if field.attname in loaded],
                )
            row, places = layout[0].copy(), layout[1]
            for place, value in zip(places, values, strict=True):
                row[place] = value
            values = row
        page = cls.__new__(cls)
        models.Model.__init__(page, *values)
        page._state.adding = False
        page._state.db = db
        return page

    @cached_property
    def edition(self) -> EditionPage | None:
        """The edition home this page belongs to (itself for an edition); looked up once per instance.

        No query when routing came through the edition (Wagtail leaves the parent on the page).
        """
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, EditionPage) and parent.live:
            return parent
        return EditionPage.objects.ancestor_of(self, inclusive=True).live().first()

    def _share_edition(self, page):
        """Give ``page`` (a page of this page's edition, e.g. its section) this page's edition, found once."""
        edition = self.__dict__.get("edition")
        if page is not None and edition is not None and page.path.startswith(edition.path):
            page.__dict__.setdefault("edition", edition)
        return page

    def get_url_parts(self, request=None):
        """Wagtail's ``(site id, root URL, page path)``, worked out once per request for each page and
        once per parent for its children.

        Wagtail reverses its URL pattern under the page's language for every page (about 35 µs:
        35 ms for a sitemap file of 1,000 URLs). With ``request`` (an ``HttpRequest``), the answer
        is kept on it per page, language and URL path, and the first child of a parent gives the
        parent's path: a sibling's is that path and its own slug, quoted as ``reverse`` quotes it.
        A page whose path does not end with its slug (custom routing) always goes to Wagtail.
        """
        if not isinstance(request, HttpRequest):
            return super().get_url_parts(request)
        memo = request.__dict__.setdefault("_dateline_url_parts", {})
        language = get_language()
        key = (self.pk, self.url_path, language)
        if key in memo:
            return memo[key]
        parent_path = self.url_path[: -len(self.slug) - 1]
        is_child_path = bool(self.slug) and self.url_path == f"{parent_path}{self.slug}/"
        suffix = quote(self.slug, safe=RFC3986_SUBDELIMS + "/~:@") + "/"
        siblings = memo.get(("children", parent_path, language)) if is_child_path else None
        if siblings is not None:
            site_id, root_url, prefix = siblings
            parts = (site_id, root_url, prefix + suffix)
        else:
            parts = super().get_url_parts(request)
            if is_child_path and parts and parts[2] and parts[2].endswith(suffix):
                memo["children", parent_path, language] = (parts[0], parts[1], parts[2][: -len(suffix)])
        memo[key] = parts
        return parts

    @cached_property
    def live_versions(self) -> list[Page]:
        """Every live version of this page (itself included), with its locale, in one query (cached)."""
        if not self.pk:
            return [self] if self.live else []
        versions = public_pages(self.get_translations(inclusive=True)).order_by("locale__language_code")
        return pages_with_page_fields(versions, with_locale=True, fields=PAGE_LINK_FIELDS)

    @staticmethod
    def attach_live_versions(pages) -> None:
        """Fill ``live_versions`` of every page in ``pages`` with one query for them all.

        For lists of pages that each need their versions (the sitemap's hreflang
        alternates): without it every page asks with a query of its own.
        """
        pages = [page for page in pages if page.pk]
        versions_by_key: dict = {}
        keys = {page.translation_key for page in pages}
        # Most versions are the listed pages themselves: those holding their locale are not built again.
        built = {page.pk: page for page in pages if "locale" in page._state.fields_cache}
        versions = public_pages(Page.objects.filter(translation_key__in=keys)).order_by("locale__language_code")
        for version in pages_with_page_fields(versions, with_locale=True, fields=PAGE_LINK_FIELDS, built=built):
            versions_by_key.setdefault(version.translation_key, []).append(version)
        for page in pages:
            page.__dict__["live_versions"] = versions_by_key.get(page.translation_key, [])

    def get_translation_link(self) -> tuple[str, str, str] | None:
        """Return (language code, language name, URL) of the other edition's version.

        The translation of this page when one is live, else the other edition's
        home; ``None`` when there is no other live edition.
        """
        translation = next((page for page in self.live_versions if page.locale_id != self.locale_id), None)
        if translation is None:
            translation = EditionPage.other_live_edition(self.locale_id)
            if translation is None:
                return None
        code = translation.locale.language_code
        return code, dict(settings.LANGUAGES).get(code, code), translation.get_url()

    def get_hreflang_alternates(self, request=None) -> list[tuple[str, str]]:
        """Return [(language code, full URL)] for every public version of this page, this one included.

        ``request`` lets Wagtail reuse its cached site roots.
        """
        alternates = []
        for page in self.live_versions:
            url = page.get_full_url(request)
            if url:
                alternates.append((page.locale.language_code, url))
        return sorted(alternates)

    def get_sitemap_urls(self, request=None) -> list[dict]:
        """Wagtail's sitemap entry (``wagtail.contrib.sitemaps``) with the hreflang alternates.

        Returns Django's sitemap URL dicts (``location``, ``lastmod``, ``alternates``); when the
        page has another live public translation, ``alternates`` lists every version, itself
        included (``[{"lang_code", "location"}]``, as Google asks), else it is empty; the
        sitemap's template writes them as ``xhtml:link rel="alternate"``.
        """
        urls = super().get_sitemap_urls(request)
        alternates = self.get_hreflang_alternates(request)
        for url in urls:
            # Always present, empty without a translation (a missing key costs the template a failed lookup).
            url["alternates"] = (
                [{"lang_code": code, "location": location} for code, location in alternates]
                if len(alternates) > 1
                else []
            )
        return urls

    @property
    def section(self) -> SectionPage | None:
        """The section this page sits in (for ``<title>``, the kicker and the navigation bar)."""
        return None

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page (checked on every request by its ``before_serve_page``
        hook), without a query when no page above this one is restricted (``dateline.news.visibility``)."""
        hidden = hidden_subtrees()
        if hidden.aliases or hidden.is_restricted(self.path):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def linked_feed_pages(self) -> list[Page]:
        """The pages whose feeds this page links in ``<head>`` besides its edition's (none by default)."""
        return []

    def serve(self, request, *args, **kwargs):
        """Serve the page with public cache headers (see ``with_public_cache``)."""
        return with_public_cache(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["edition"] = self.edition
        context["translation_link"] = self.get_translation_link()
        context["hreflang_alternates"] = self.get_hreflang_alternates()
        return context


class FeedRoutesMixin(RoutablePageMixin):
    """Routes ``feed/rss/`` and ``feed/atom/`` under a page to its RSS 2.0 / Atom feed.

    The page says what its feed lists (``articles``, ``feed_title``, ``feed_description``);
    the feeds themselves are written by the function registered under the Wagtail hook
    ``SERVE_FEED_HOOK`` (the distribution app's ``feeds.serve_feed``), so this app never
    imports the one that distributes it.
    """

    def articles(self):
        """The live, public articles this page lists, newest first (a queryset)."""
        raise NotImplementedError

    def feed_title(self, tag: Tag | None = None) -> str:
        """The title of this page's feed in the active language (``tag``: an edition's tag feed)."""
        raise NotImplementedError

    def feed_description(self, tag: Tag | None = None) -> str:
        """The description of this page's feed in the active language."""
        raise NotImplementedError

    def feed_articles(self, tag: Tag | None = None):
        """The articles of this page's feed: ``articles()``, narrowed to those carrying ``tag`` if given."""
        articles = self.articles()
        if tag is not None:
            articles = articles.filter(tagged_items__tag=tag).distinct()
        return articles

    def serve_feed(self, request, feed_format: str, tag: Tag | None = None):
        """Return the response of the feed in ``feed_format`` ("rss" or "atom"); ``Http404`` if none serves it."""
        for serve in hooks.get_hooks(SERVE_FEED_HOOK):
            return serve(request, self, feed_format, tag=tag)
        raise Http404(_("No such feed format."))

    def serve(self, request, *args, **kwargs):
        """Serve the page or one of its routes (feeds, tag pages) with public cache headers.

        Comes before ``NewsPage.serve`` in the method order, and route views don't pass
        through it, so the headers are added here too (``with_public_cache`` is idempotent).
        """
        return with_public_cache(super().serve(request, *args, **kwargs))

    @re_path(r"^feed/(?P<feed_format>rss|atom)/$", name="feed")
    def feed(self, request, feed_format: str):
        """Serve this page's feed in ``feed_format`` ("rss" or "atom")."""
        return self.serve_feed(request, feed_format)


class EditionPage(FeedRoutesMixin, NewsPage):
    """The home page of one language edition (/en/, /ru/): latest news by section."""

    site_name = models.CharField(
        _("site name"), max_length=100, help_text=_("The agency's name in this edition's language.")
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("site_name"), FieldPanel("tagline")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.DossierPage"]

    class Meta:
        verbose_name = _("edition home page")

    def route(self, request, path_components):
        """Route ``<section>/<article>/`` to the article in one query, anything else as Wagtail does.

        Wagtail walks the tree one page at a time (a query for each page and one for its
        specific type); an article's URL is always its section's and its slug, so the article
        is fetched by its URL path with its locale, agency and picture, whether it has corrections,
        and what other apps read with it (``ARTICLE_ANNOTATIONS_HOOK``: rating figures, whether
        comments are shown or closed), each saving a query of the page. The edition's own
        routes (feeds, tags) are tried first, as ``RoutablePageMixin`` does.
        """
        if len(path_components) == 2 and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                url_path = f"{self.url_path}{path_components[0]}/{path_components[1]}/"
                annotations = {}
                for annotate in hooks.get_hooks(ARTICLE_ANNOTATIONS_HOOK):
                    annotations.update(annotate())
                article = (
                    ArticlePage.objects.filter(slug=path_components[1], url_path=url_path)
                    .select_related("locale", "source_agency", "lead_image", "dossier")
                    .annotate(
                        text_updated_at=ArticlePage.text_updated_at_expression(),
                        has_corrections=Exists(ArticleCorrection.objects.filter(article=OuterRef("pk"))),
                        **annotations,
                    )
                    .first()
                )
                if article is not None:
                    article.__dict__["edition"] = self
                    article.__dict__["_related_row_loaded"] = True
                    article.__dict__["_updated_at"] = article.text_updated_at
                    if not article.has_corrections:  # most have none: no query for them
                        article.__dict__["_public_corrections"] = []
                    return article.route(request, [])
        return super().route(request, path_components)

    @property
    def localized(self):
        """This edition's live translation in the active language, else itself: Wagtail's
        ``TranslatableMixin.localized``, without its queries (the active locale, the translation).

        Wagtail's routing asks it of the site's root page on every request. It looks among the
        live editions kept until the page tree changes (``live_editions``); when none is found (a
        draft translation, a language without a locale), Wagtail's own lookup answers.
        """
        try:
            language = get_supported_content_language_variant(get_language())
        except LookupError:
            return super().localized
        edition = next(
            (
                edition
                for edition in EditionPage.live_editions()
                if edition.translation_key == self.translation_key and edition.locale.language_code == language
            ),
            None,
        )
        return edition if edition is not None else super().localized

    @staticmethod
    def live_editions() -> list[EditionPage]:
        """Every live edition with its locale, by language code; kept until the page tree changes."""
        return cached_for_tree(
            "live-editions",
            lambda: list(EditionPage.objects.live().select_related("locale").order_by("locale__language_code")),
        )

    @staticmethod
    def other_live_edition(locale_id: int) -> EditionPage | None:
        """The first live edition (by language code) in another locale than ``locale_id``, else ``None``
        (``live_editions``: no query)."""
        return next((e for e in EditionPage.live_editions() if e.locale_id != locale_id), None)

    @staticmethod
    def live_by_path() -> dict[str, EditionPage]:
        """Every live edition by its tree path (``live_editions``: kept until the page tree changes)."""
        return {edition.path: edition for edition in EditionPage.live_editions()}

    def section_block_bounds(self) -> Q:
        """A ``Q`` keeping every article a section block can show, and few others (see ``section_candidates``).

        Ranking the articles it keeps gives the blocks that ranking the whole archive would, at the
        cost of a few dozen rows found by primary key and by the embargo index.
        """
        ids, since = self.section_candidates()
        return Q(pk__in=ids) | Q(embargo__gte=since)

    def section_candidates(self) -> tuple[list[int], datetime.datetime]:
        """The ids of each live section's ``TOP_STORIES + SECTION_BLOCK`` newest visible articles, and when
        they were read; kept until the page tree changes (``cached_for_tree``).

        A section's block shows its newest ``SECTION_BLOCK`` articles not among the edition's
        ``TOP_STORIES``, so they are among these. Until the tree changes the only articles that can
        become visible are those whose embargo lifts after that moment, which the caller adds
        (``embargo >= since``); the ones that go away (unpublished, moved, deleted) change the tree.
        One query per section when the tree has changed, none otherwise.
        """

        def read():
            since = timezone.now()
            depth = TOP_STORIES + SECTION_BLOCK
            ids = []
            for section in self.sections():
                newest = ArticlePage.objects.visible(since).child_of(section).order_by("-published_at", "-pk")
                ids += newest.values_list("pk", flat=True)[:depth]
            return ids, since

        return cached_for_tree(f"section-candidates:{self.pk}", read)

    def sections(self) -> list[SectionPage]:
        """Live sections of this edition, in tree order (the navigation bar).

        Kept in the default cache until the page tree changes (``news.visibility.cached_for_tree``):
        no query on most renders, one otherwise.
        """
        if "_live_sections" not in self.__dict__:
            sections = cached_for_tree(f"sections:{self.pk}", lambda: list(SectionPage.objects.child_of(self).live()))
            for section in sections:
                section.__dict__["edition"] = self
            self._live_sections = sections
        return self._live_sections

    @property
    def edition(self) -> EditionPage:
        """An edition is its own edition."""
        return self

    def articles(self):
        """The live, public articles of this edition, newest first."""
        return ArticlePage.objects.visible().with_pictures().descendant_of(self).order_by("-published_at")

    def tagged_articles(self, tag: Tag):
        """The live, public articles of this edition that carry ``tag``, newest first."""
        return self.feed_articles(tag)

    def feed_title(self, tag: Tag | None = None) -> str:
        if tag is not None:
            return gettext("%(tag)s: tag — %(site)s") % {"tag": tag.name, "site": self.site_name}
        return self.site_name

    def feed_description(self, tag: Tag | None = None) -> str:
        if tag is not None:
            return gettext("Articles tagged “%(tag)s”.") % {"tag": tag.name}
        return self.tagline or gettext("Latest news.")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles().select_related("locale")
        context["top_articles"] = list(articles[:TOP_STORIES])
        rest = articles.exclude(pk__in=[article.pk for article in context["top_articles"]])
        # The newest six of each section, chosen among each section's candidates only (not the whole
        # archive) from their ids and paths, newest first; then those articles in one query. (A row
        # number per section in SQL gave the same blocks in one query, at twice the time: its
        # compilation alone took 4 ms.)
        candidates = rest.filter(self.section_block_bounds(), depth=self.depth + 2).select_related(None)
        # Sorted here: given an ORDER BY, SQLite walks the publish-time index through the whole edition
        # (1.8 ms at 1,000 articles) instead of finding the candidates by id and embargo (0.4 ms).
        rows = candidates.prefetch_related(None).order_by().values_list("published_at", "pk", "path")
        width = (self.depth + 1) * self.steplen
        blocks: dict[str, list[int]] = {}
        for _published_at, pk, page_path in sorted(rows, reverse=True):
            block = blocks.setdefault(page_path[:width], [])
            if len(block) < SECTION_BLOCK:
                block.append(pk)
        found = (
            ArticlePage.objects.with_pictures()
            .select_related("locale")
            .in_bulk([pk for block in blocks.values() for pk in block])
        )
        by_section = {prefix: [found[pk] for pk in block if pk in found] for prefix, block in blocks.items()}
        context["section_blocks"] = [  # sections list what "Latest news" does not already show
            (section, by_section.get(section.path, [])) for section in self.sections()
        ]
        context["dossiers"] = DossierPage.objects.child_of(self).live().order_by("-last_published_at")[:6]
        return context

    @path("tags/<str:tag_slug>/", name="tag")
    def tag_page(self, request, tag_slug: str):
        """List the live articles of this edition that carry the tag, newest first."""
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404(_("No such tag."))
        page_obj = paginate(request, self.tagged_articles(tag), count_key=f"tag:{self.pk}:{tag.pk}")
        # The page chrome only (NewsPage's context), not the home page's article lists
        context = NewsPage.get_context(self, request)
        context.update({"tag": tag, "page_obj": page_obj, "hreflang_alternates": []})
        return TemplateResponse(request, "news/tag_page.html", context)

    @re_path(r"^tags/(?P<tag_slug>[^/]+)/feed/(?P<feed_format>rss|atom)/$", name="tag_feed")
    def tag_feed(self, request, tag_slug: str, feed_format: str):
        """Serve the feed (RSS 2.0 or Atom) of this edition's articles that carry the tag."""
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404(_("No such tag."))
        return self.serve_feed(request, feed_format, tag=tag)


class SectionPage(FeedRoutesMixin, NewsPage):
    """A section of an edition (News, World, Economy...): its articles, newest first."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.EditionPage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    @property
    def section(self) -> SectionPage:
        """A section is its own section."""
        return self

    def linked_feed_pages(self) -> list[Page]:
        """A section links its own feed."""
        return [self]

    def articles(self):
        """The live, public articles filed in this section, newest first."""
        return ArticlePage.objects.visible().with_pictures().child_of(self).newest_first()

    def feed_title(self, tag: Tag | None = None) -> str:
        return gettext("%(section)s — %(site)s") % {"section": self.title, "site": self.edition.site_name}

    def feed_description(self, tag: Tag | None = None) -> str:
        return self.intro or gettext("Latest articles of the section “%(section)s”.") % {"section": self.title}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = paginate(request, self.articles(), count_key=f"articles:{self.pk}")
        return context


class DossierPage(FeedRoutesMixin, NewsPage):
    """A story backgrounder ("INF Treaty situation").

    Editors attach it to every article of the story; the article shows its box
    after the body, and this page lists the story's articles, newest first.
    """

    body = RichTextField(_("backgrounder"), features=["bold", "italic", "link", "ol", "ul", "h3"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["news.EditionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def linked_feed_pages(self) -> list[Page]:
        """A dossier links its own feed."""
        return [self]

    def articles(self):
        """The live, public articles of this story, newest first (none for an unsaved dossier in preview)."""
        if not self.pk:
            return ArticlePage.objects.none()
        return ArticlePage.objects.visible().with_pictures().filter(dossier=self).order_by("-published_at")

    def feed_title(self, tag: Tag | None = None) -> str:
        return gettext("%(dossier)s: dossier — %(site)s") % {"dossier": self.title, "site": self.edition.site_name}

    def feed_description(self, tag: Tag | None = None) -> str:
        return gettext("Articles of the story “%(dossier)s”.") % {"dossier": self.title}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = paginate(request, self.articles(), count_key=f"articles:{self.pk}")
        return context


class ArticleTag(TaggedItemBase):
    """Through model of article tags."""

    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


def attach_tags(articles) -> None:
    """Give every article of ``articles`` (a list) its tags, read in one query for them all.

    Afterwards ``article.tags.all()`` answers from memory, in the order the tags were added.
    Django's ``prefetch_related("tags")`` reads the same rows in one query too, but then builds a
    filtered queryset per article through taggit and modelcluster (about 0.4 ms each: 20 ms for
    a feed of 50 items); this hands each article a list (modelcluster's ``FakeQuerySet``).
    """
    articles = [article for article in articles if article.pk]
    if not articles:
        return
    tags: dict[int, list[Tag]] = {article.pk: [] for article in articles}
    links = ArticleTag.objects.filter(content_object_id__in=list(tags)).order_by("pk")
    known: dict[int, Tag] = {}  # one instance per tag, shared by the articles that carry it
    for article_id, tag_id, name, slug in links.values_list("content_object_id", "tag_id", "tag__name", "tag__slug"):
        if tag_id not in known:
            known[tag_id] = Tag.from_db(links.db, ["id", "name", "slug"], (tag_id, name, slug))
        tags[article_id].append(known[tag_id])
    for article in articles:
        prefetched = article.__dict__.setdefault("_prefetched_objects_cache", {})
        prefetched["tags"] = FakeQuerySet(Tag, tags[article.pk])


def attach_corrections(articles) -> None:
    """Fill ``public_corrections()`` of every article of ``articles`` (a list) from one query.

    The rows are the live corrections and updates (an inline child goes to the database when its
    revision is published), oldest first, as ``ArticlePage.public_corrections`` reads them one by one.
    """
    articles = [article for article in articles if article.pk]
    if not articles:
        return
    notes: dict[int, list[ArticleCorrection]] = {article.pk: [] for article in articles}
    for note in ArticleCorrection.objects.filter(article_id__in=list(notes)).order_by("noted_at", "sort_order"):
        notes[note.article_id].append(note)
    for article in articles:
        article.__dict__["_public_corrections"] = notes[article.pk]


#: The moment an article last changed for its readers, as a database expression: the later of its
#: last publication and ``published_at`` (``ArticlePage.modified_at`` in Python).
MODIFIED_AT = Greatest(Coalesce(F("last_published_at"), F("published_at")), F("published_at"))


#: Later than any article's ``published_at`` (``ArticlePageQuerySet.newest_first``).
LATEST_DATE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


class ArticlePageQuerySet(PageQuerySet):
    """Querysets of articles; ``visible()`` is the one rule of what readers and partners may see."""

    def visible(self, now=None, embargoed: bool = False):
        """The articles anyone may see: live, without a view restriction, with every page
        above them live, and (unless ``embargoed``) their embargo lifted at ``now``.

        The one place that decides "publicly visible article": pages, feeds, the
        ninjs API, search and the reader endpoints all start from it. The embargo is
        compared with the current time on every read, so an article appears everywhere
        at its embargo time by itself. ``embargoed=True`` is only for subscribers whose
        API key is allowed embargoed content.
        """
        articles = exclude_hidden(self.live())
        return articles if embargoed else articles.filter(released(now))

    def newest_first(self):
        """These articles ordered by ``published_at``, newest first, walked from its index.

        The bound on ``published_at`` excludes nothing (no article is dated after year 9998). It is
        there for SQLite's planner: given a condition on ``published_at`` it walks that index
        newest first and stops at the page's last row (0.8 ms for a section of 25,000 articles);
        with conditions only on the page table (a section's path and depth) it reads every page
        and sorts (75 ms).
        """
        return self.filter(published_at__lt=LATEST_DATE).order_by("-published_at")

    def with_pictures(self):
        """These articles with their lead image and its renditions fetched along (one query each, for
        cards: no query per card)."""
        return self.select_related("lead_image").prefetch_related("lead_image__renditions")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePage(NewsroomArticleFields, NewsPage):
    """A news article: headline (the page title), lead, body, dateline, byline.

    ``published_at`` is the moment of publication shown to readers (stored in
    UTC); ``time_zone`` is the IANA zone it is shown in. Re-reported copy credits
    ``source_agency`` and keeps ``source_url``; imported items keep the
    ``wire_id`` (feed guid or canonical URL) that stops a second import.
    """

    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences that sum up the story; shown above the body and in feeds."),
    )
    body = RichTextField(
        _("body"),
        features=["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "blockquote", "hr", "image", "embed"],
    )
    dateline_place = models.CharField(
        _("dateline"),
        max_length=100,
        blank=True,
        help_text=_("Where the story was filed, e.g. Moscow."),
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("publish time"), default=timezone.now, db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("IANA name of the zone the publish time is shown in."),
    )
    source_agency = models.ForeignKey(
        SourceAgency,
        verbose_name=_("source agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    source_url = models.URLField(
        _("original URL"),
        max_length=1000,
        blank=True,
        help_text=_("The original story this article re-reports."),
    )
    wire_id = models.CharField(
        _("wire identifier"),
        max_length=1000,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Feed guid or canonical URL of the imported item."),
    )
    dossier = models.ForeignKey(
        "news.DossierPage",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="story_articles",
    )
    translated_from = models.ForeignKey(
        Locale,
        verbose_name=_("translated from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when this text is the agency's translation of another edition's article."),
    )
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        _("lead image caption"),
        max_length=500,
        blank=True,
        help_text=_("In this edition's language; empty: the photo's own caption."),
    )
    lead_image_credit = models.CharField(
        _("lead image credit"),
        max_length=200,
        blank=True,
        help_text=_("In this edition's language, e.g. Photo: Ivan Petrov / TASS; empty: the photo's own credit."),
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")],
            heading=_("Lead image"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("byline")]),
                FieldRowPanel([FieldPanel("published_at"), FieldPanel("time_zone")]),
            ],
            heading=_("Dateline and byline"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source_agency"), FieldPanel("source_url")]),
                FieldPanel("translated_from"),
            ],
            heading=_("Source"),
        ),
        FieldPanel("dossier"),
        FieldPanel("tags"),
        *NEWSROOM_PANELS,
    ]
    objects = ArticlePageManager()

    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.SearchField("search_text_yo_folded"),
        index.AutocompleteField("title"),
        index.FilterField("published_at"),
        index.FilterField("locale_id"),
        index.FilterField("embargo"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        if self.pk:
            self.load_related()
        context = super().get_context(request, *args, **kwargs)
        edition = context["edition"]
        latest = edition.articles().exclude(pk=self.pk) if edition is not None else ArticlePage.objects.none()
        context["latest_articles"] = latest[:6]
        return context

    def route(self, request, path_components):
        """Route to this article only while it is visible (embargo lifted, every page above it live).

        An embargoed article, or one under an unpublished section, is a 404 to the public;
        editors still see it with *Preview*, which does not route.
        """
        result = super().route(request, path_components)
        if not path_components and not self.is_visible():
            raise Http404(gettext("No such article."))
        return result

    def is_visible(self, now=None) -> bool:
        """True when this article is one ``ArticlePage.objects.visible(now)`` lists (the same rule, read
        from this instance and the cached hidden subtrees: no query when the cache has them)."""
        if not self.live or hidden_subtrees().hides(self.path):
            return False
        return self.embargo is None or self.embargo <= (now or timezone.now())

    def load_related(self) -> None:
        """Load the locale, source agency and lead image in one query, the dossier and the tags in one each.

        For rendering: ``page.locale``, ``page.dossier``, ``page.source_agency``, ``page.lead_image`` and
        ``page.tags.all()`` then cost no query however often the templates use them.
        """
        if not self.__dict__.get("_related_row_loaded"):  # routing (``EditionPage.route``) fetched them along
            related = ["locale"] + [name for name in ("source_agency", "lead_image") if getattr(self, f"{name}_id")]
            row = ArticlePage.objects.select_related(*related).get(pk=self.pk)
            for name in related:
                setattr(self, name, getattr(row, name))
            if self.dossier_id:
                self.dossier = DossierPage.objects.filter(pk=self.dossier_id).first()
        if self.dossier_id:
            self._share_edition(self.dossier)
        prefetch_related_objects([self], "tags")

    @cached_property
    def section(self) -> SectionPage | None:
        """The section page this article is filed under (looked up once per instance)."""
        if getattr(self, "_cached_parent_obj", None) is not None:  # Wagtail's routing set it
            parent = self._cached_parent_obj.specific
            return parent if isinstance(parent, SectionPage) else None
        parent_path = self.path[: -self.steplen]
        edition = self.__dict__.get("edition")
        if edition is not None:  # the edition's sections are cached (``EditionPage.sections``)
            section = next((section for section in edition.sections() if section.path == parent_path), None)
            if section is not None:
                return section
        section = SectionPage.objects.filter(path=parent_path).first() if self.depth > 1 else None
        return self._share_edition(section)

    def linked_feed_pages(self) -> list[Page]:
        """An article links the feeds of its section and of its dossier (when live)."""
        pages = [self.section] if isinstance(self.section, SectionPage) else []
        if self.dossier_id and self.dossier and self.dossier.live:
            pages.append(self.dossier.specific)
        return pages

    @property
    def modified_at(self):
        """When the article last changed for readers: the later of its last publication and ``published_at``.

        The one rule behind ``dateModified`` (JSON-LD), ``article:modified_time``, the feeds'
        ``<updated>`` and ninjs ``versioncreated`` (see ``MODIFIED_AT`` for querysets). Aware, UTC.
        """
        return max(self.last_published_at or self.published_at, self.published_at)

    @property
    def lead_image_caption_text(self) -> str:
        """The lead image's caption: the article's own, else the photo's; "" without a lead image."""
        if self.lead_image is None:
            return ""
        return self.lead_image_caption or self.lead_image.caption

    @property
    def lead_image_credit_text(self) -> str:
        """The lead image's credit line: the article's own, else the photo's; "" without a lead image."""
        if self.lead_image is None:
            return ""
        return self.lead_image_credit or self.lead_image.credit

    @property
    def local_published_at(self):
        """``published_at`` in the article's own time zone."""
        return local_time(self.published_at, self.time_zone)

    def plain_text(self) -> str:
        """The article body as plain text (no markup), for search and error reports."""
        return html_to_text(self.body)

    def search_text_yo_folded(self) -> str:
        """Headline, lead and body with «ё» written «е», indexed so that either spelling finds the other.

        Empty when the text has no «ё» (nothing to add to the index). See ``dateline.search.queries``.
        """
        text = " ".join([self.title, self.lead, self.plain_text()])
        return fold_yo(text) if "ё" in text.lower() else ""

    def full_clean(self, *args, **kwargs):
        # Cyrillic headlines get a readable Latin slug (Wagtail would keep Cyrillic or drop it).
        if not self.slug and self.title:
            self.slug = transliterated_slug(self.title)
        # An article scheduled to go live (Status -> Set schedule) before it was ever published is
        # published at its go-live time: readers are never shown an earlier moment (e.g. the draft's).
        if self.go_live_at and self.first_published_at is None and self.published_at < self.go_live_at:
            self.published_at = self.go_live_at
        super().full_clean(*args, **kwargs)
