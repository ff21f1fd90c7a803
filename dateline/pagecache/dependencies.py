"""What each cached page shows, and which pages a change shows up on: the dependency rules.

Every cached response carries *tags*; a change purges tags. The rules (``L`` is a
language code — one edition —, ``id`` a page id, ``tk`` a translation key):

==========================  =====================================================================
tag                         carried by (what the page shows)
==========================  =====================================================================
``all``                     every cached response
``lang:L``                  every page of edition L (site name, tagline, section navigation)
``page:id``                 the page itself; an article carries its dossier's ``page:`` (the box)
``tk:tk``                   every version of a page (hreflang alternates, language switch)
``list:L``                  edition home, edition feeds, search of edition L (any article of L)
``latest:L``                "Latest news" aside of every article of L (the newest articles)
``dossiers:L``              the dossier list of L's home
``section:id``              section page (every ``?page=``) and its feeds
``dossier:id``              dossier page and its feeds (the dossier's articles)
``tag:L:slug``              tag page and its feeds in edition L
``agency:id``               articles crediting that source agency
``url:path``                every response of that path (Wagtail's front-end cache purges by URL)
``sitemap``                 sitemap(s)
``newsmap``                 the Google News sitemap (articles of the last 48 hours)
==========================  =====================================================================

A change purges (``tags_of_change``), from the page's state before *and* after it:

* **article** (publish, edit, unpublish, delete, scheduled go-live or expiry): ``page:``,
  ``list:L``, ``section:``, ``dossier:`` and ``tag:L:slug`` of every tag it has or had,
  ``sitemap``, ``newsmap`` when it is (or was) less than 48 hours old; ``latest:L`` when it is (or was) among the newest
  ``LATEST_DEPTH`` live articles of L; ``tk:`` when it went live or off, or its URL changed.
* **dossier**: ``page:`` (its page and the box on its articles), ``dossiers:L``,
  ``sitemap``; ``tk:`` as above.
* **edition or section** (title, navigation, tagline): ``lang:L`` (every page of the
  edition shows them), ``sitemap``; ``tk:`` as above.
* **a move** of an article: both places' tags; of any other page: ``all``.
* **comment approved / comments closed**: the article's URL (``url:``), through Wagtail's
  ``purge_pages_from_cache`` that the comments app calls (``frontends.PageCacheFrontend``).
* **source agency** edited: ``agency:id``. A **tag renamed**: ``all``.
* ``pages_changed(pages, locales)`` (embargo, breaking banner...): each page as an
  article/dossier/section change from its current state, and ``lang:L`` per locale.

A draft save (a new revision of a live page) purges nothing: readers see the live
version until it is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

#: The article aside shows the 6 newest others, so an article among the 7 newest of its edition can appear there.
LATEST_DEPTH = 7
#: Fields a save may update without changing what readers see (revisions, drafts, locks, workflow).
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "live_revision",
        "numchild",
    }
)


@dataclass
class PageState:
    """What readers could see of one page at one moment (``None`` fields when it is not a news page)."""

    id: int
    kind: str  # "article", "dossier", "edition", "section" or "other"
    live: bool
    language: str
    translation_key: str
    url_path: str
    section_id: int | None = None
    dossier_id: int | None = None
    published_at: object = None
    tags: frozenset = field(default_factory=frozenset)


def page_kind(page) -> str:
    """Return the dependency kind of a (specific) page: article, dossier, edition, section or other."""
    from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage

    for cls, kind in (
        (ArticlePage, "article"),
        (DossierPage, "dossier"),
        (EditionPage, "edition"),
        (SectionPage, "section"),
    ):
        if isinstance(page, cls):
            return kind
    return "other"


def state_of(page, *, from_database: bool = False) -> PageState | None:
    """Return the ``PageState`` of ``page``: as it is in memory, or as stored (``from_database``).

    None when ``from_database`` and the page is not stored yet.
    """
    from dateline.news.models import ArticlePage, ArticleTag

    kind = page_kind(page)
    if from_database:
        model = type(page)
        row = model.objects.filter(pk=page.pk).select_related("locale").first() if page.pk else None
        if row is None:
            return None
        page = row
    language = page.locale.language_code if page.locale_id else ""
    state = PageState(
        id=page.pk,
        kind=kind,
        live=bool(page.live),
        language=language,
        translation_key=str(page.translation_key),
        url_path=page.url_path or "",
    )
    if isinstance(page, ArticlePage):
        state.dossier_id = page.dossier_id
        state.published_at = page.published_at
        parent_path = page.path[: -page.steplen] if page.path else ""
        if from_database:
            state.tags = frozenset(
                ArticleTag.objects.filter(content_object_id=page.pk).values_list("tag__slug", flat=True)
            )
            state.section_id = _page_id_at(parent_path)
        else:
            state.tags = frozenset(tag.slug for tag in page.tags.all())
            state.section_id = _page_id_at(parent_path)
    return state


def _page_id_at(path: str) -> int | None:
    from wagtail.models import Page

    if not path:
        return None
    return Page.objects.filter(path=path).values_list("pk", flat=True).first()


def among_latest(state: PageState) -> bool:
    """True when an article with ``state.published_at`` is (or would be) among the newest of its edition."""
    from dateline.news.models import ArticlePage

    if state.published_at is None:
        return False
    newer = (
        ArticlePage.objects.live()
        .filter(locale__language_code=state.language, published_at__gt=state.published_at)
        .exclude(pk=state.id)
    )
    return newer.count() < LATEST_DEPTH


def recent(state: PageState) -> bool:
    """True when an article is young enough for the Google News sitemap (``distribution.sitemaps``)."""
    from dateline.distribution.sitemaps import NEWS_WINDOW

    return state.published_at is not None and state.published_at >= timezone.now() - NEWS_WINDOW


def tags_of_change(before: PageState | None, after: PageState | None) -> set[str]:
    """Return the tags to purge when a page went from ``before`` to ``after`` (None: absent).

    Nothing when neither state is live (drafts readers never saw).
    """
    states = [s for s in (before, after) if s is not None]
    if not any(s.live for s in states):
        return set()
    tags: set[str] = set()
    went_live_or_off = (before is None or not before.live) != (after is None or not after.live)
    moved = before is not None and after is not None and before.url_path != after.url_path
    for state in states:
        tags.add(f"page:{state.id}")
        if went_live_or_off or moved:
            tags.add(f"tk:{state.translation_key}")
        if state.kind == "article":
            tags |= {f"list:{state.language}", "sitemap"}
            if recent(state):
                tags.add("newsmap")
            if state.section_id:
                tags.add(f"section:{state.section_id}")
            if state.dossier_id:
                tags.add(f"dossier:{state.dossier_id}")
            tags |= {f"tag:{state.language}:{slug}" for slug in state.tags}
            if state.live and among_latest(state):
                tags.add(f"latest:{state.language}")
        elif state.kind == "dossier":
            tags |= {f"dossiers:{state.language}", "sitemap"}
        elif state.kind in ("edition", "section"):
            tags |= {f"lang:{state.language}", "sitemap"}
        else:
            tags.add("all")
    return tags


_languages: dict[int, str] = {}


def language_of(page) -> str:
    """The language code of ``page``'s locale (locales are looked up once per process, not per request)."""
    from wagtail.models import Locale

    if page.locale_id not in _languages:
        _languages.update(Locale.objects.values_list("pk", "language_code"))
    return _languages.get(page.locale_id) or page.locale.language_code


def tags_of_page(page) -> set[str]:
    """Return the tags of the cached responses a served Wagtail page (its own view) depends on."""
    language = language_of(page)
    tags = {"all", f"lang:{language}", f"page:{page.pk}", f"tk:{page.translation_key}"}
    kind = page_kind(page)
    if kind == "edition":
        tags |= {f"list:{language}", f"dossiers:{language}"}
    elif kind == "section":
        tags.add(f"section:{page.pk}")
    elif kind == "dossier":
        tags.add(f"dossier:{page.pk}")
    elif kind == "article":
        tags.add(f"latest:{language}")
        if page.dossier_id:
            tags.add(f"page:{page.dossier_id}")
        if page.source_agency_id:
            tags.add(f"agency:{page.source_agency_id}")
    return tags


def tags_of_route(page, view_name: str, view_kwargs: dict) -> set[str] | None:
    """Return the tags of a route of a routable page (feeds, tag pages), or None when unknown."""
    language = language_of(page)
    base = {"all", f"lang:{language}"}
    if view_name in ("tag_page", "tag_feed"):
        return base | {f"tag:{language}:{view_kwargs.get('tag_slug', '')}"}
    if view_name == "feed":
        kind = page_kind(page)
        if kind == "edition":
            return base | {f"list:{language}"}
        if kind == "section":
            return base | {f"section:{page.pk}"}
        if kind == "dossier":
            return base | {f"dossier:{page.pk}", f"page:{page.pk}"}
    return None


def tags_of_view(view_name: str, language: str) -> set[str] | None:
    """Return the tags of a cacheable non-page view (search, sitemaps, robots.txt), or None."""
    if view_name == "search:search":
        return {"all", f"lang:{language}", f"list:{language}"}
    if view_name in ("distribution:sitemap", "distribution:sitemap-section"):
        return {"all", "sitemap"}
    if view_name == "distribution:news-sitemap":
        return {"all", "newsmap"}
    if view_name == "distribution:robots":
        return {"all"}
    return None
