"""Articles as IPTC ninjs 2.2 news items (https://iptc.org/standards/ninjs/).

``article_to_ninjs`` maps one ``ArticlePage`` to a dict that validates against
the official ninjs 2.2 JSON schema (a copy is kept in ``tests/files/``):

==================  =========================================================
ninjs property      Dateline source
==================  =========================================================
uri                 ``urn:dateline:<site host>:article:<translation key>:<lang>``
                    (stable across slug changes; one per language version)
version             the id of the live revision (grows with every publication)
firstcreated        ``published_at``, in the article's own time zone
versioncreated      the later of ``last_published_at`` and ``published_at``
headlines           the title (role ``main``)
descriptions        the lead (role ``summary``, text/plain)
bodies              the body as HTML with absolute links (role ``main``)
language            the locale's language code (BCP 47)
subjects            the section (rel ``section``), the dossier (rel
                    ``dossier``) and the tags (rel ``tag``), with their URLs
located, by         ``dateline_place``, ``byline``
copyrightholder     the edition's site name
infosources         the source agency (role ``source``) when credited
organisations       the source agency again (rel ``source``); people are not
                    emitted: Dateline does not record them
associations        ``leadimage`` (type picture, with image renditions) and
                    ``source``: the original story at ``source_url``
renditions          the article's web page (``html``, its canonical URL)
altids              the page id (role ``dateline-id``, the id of
                    ``/api/ninjs/<id>``) and the wire id of imported items
==================  =========================================================

Drafts, pages under privacy restrictions and articles whose ``published_at``
is still in the future (embargoed) are never distributed.
"""

from __future__ import annotations

import mimetypes
import operator
from datetime import datetime
from functools import reduce
from urllib.parse import urljoin, urlsplit

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site

from dateline.news.models import MODIFIED_AT, ArticlePage, EditionPage, attach_corrections, attach_tags
from dateline.photos.renditions import rendition_facts

from .absolute import article_html

NINJS_VERSION = "2.2"
NINJS_SCHEMA_URI = "https://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
# (rendition name, Wagtail filter spec) of the lead image renditions offered.
IMAGE_RENDITIONS = [("large", "max-1600x1600"), ("medium", "width-800"), ("thumbnail", "fill-320x180")]


def distributable_articles(now: datetime | None = None, embargoed: bool = False):
    """Return the queryset of articles the API may show, annotated with ``version_at``.

    Visible (``ArticlePage.objects.visible()``: live, no view restriction, every page
    above live, embargo lifted) and published at or before ``now`` (default: the current
    time). ``embargoed=True`` (keys allowed embargoed content) adds the live articles still
    under embargo. ``version_at`` is the later of the last publication and
    ``published_at``; it is the item's ``versioncreated``.
    """
    now = now or timezone.now()
    if embargoed:
        articles = ArticlePage.objects.visible(now, embargoed=True).filter(
            Q(published_at__lte=now) | Q(embargo__gt=now)
        )
    else:
        articles = ArticlePage.objects.visible(now).filter(published_at__lte=now)
    return articles.annotate(version_at=MODIFIED_AT).select_related("locale", "source_agency", "lead_image", "dossier")


#: Deepest position (``offset + limit``) served from the two newest-first indexes (``newest_versions``);
#: a deeper page orders every article (partners poll with ``since``, not deep offsets).
INDEXED_DEPTH = 1000


def newest_versions(articles: QuerySet, offset: int, limit: int) -> list[ArticlePage]:
    """Items ``offset`` to ``offset + limit`` of ``articles`` (``distributable_articles()``, filtered)
    ordered by ``version_at`` (the later of the last publication and ``published_at``), newest
    first, ties by id; a list of at most ``limit`` articles.

    ``version_at`` spans two tables (``wagtailcore_page.last_published_at``, the article's
    ``published_at``), so no index serves its order, and ordering it reads every article (1.2 s
    at 100,000 on SQLite). But the first K by the later of two times are among the first K by
    either time: an article passed over by both lists has K articles ahead of it in each, so K
    ahead of it by the later time. Up to ``INDEXED_DEPTH`` the list orders only that union,
    read from the two columns' indexes (each holds the id too, the tie-breaker) in two small
    queries; deeper, it orders everything.
    """
    depth = offset + limit
    ordered = articles.order_by("-version_at", "-pk")
    if depth > INDEXED_DEPTH:
        return with_tags_and_notes(list(ordered[offset:depth]))
    by_published = articles.order_by("-published_at", "-pk").values_list("pk", flat=True)[:depth]
    # Walked from Wagtail's page table, whose index holds (last_published_at, id), each page checked
    # for being one of ``articles``: SQLite, given the article table's ``published_at <= now``, would
    # otherwise sort every article. A page never published (no time) has ``published_at`` as its
    # version time: it is in the first list if anywhere.
    by_republished = (
        Page.objects.filter(last_published_at__isnull=False)
        .filter(Exists(articles.filter(pk=OuterRef("pk"))))
        .order_by("-last_published_at", "-pk")
        .values_list("pk", flat=True)[:depth]
    )
    # The two lists are read first (two small queries): as subqueries joined by OR, PostgreSQL
    # tested every article against them (0.55 s at 100,000 articles).
    return with_tags_and_notes(list(ordered.filter(pk__in={*by_published, *by_republished})[offset:depth]))


def with_tags_and_notes(articles: list[ArticlePage]) -> list[ArticlePage]:
    """``articles`` with their tags and public corrections read in one query each (for ``subjects``
    and ``ednote``); returns the same list."""
    attach_tags(articles)
    attach_corrections(articles)
    return articles


def listed_by(pages) -> QuerySet | None:
    """The ids of the articles any of ``pages`` lists with its own ``articles()`` (sections, dossiers...).

    Returns a ``values("pk")`` queryset for ``filter(pk__in=...)``, or ``None`` when
    ``pages`` is empty (an unknown section or dossier).
    """
    listings = [page.articles().values("pk") for page in pages]
    return reduce(operator.or_, listings) if listings else None


def _iso(moment: datetime, zone) -> str:
    return timezone.localtime(moment, zone).isoformat(timespec="seconds")


def article_uri(article: ArticlePage, host: str) -> str:
    """The ninjs ``uri`` of an article: ``urn:dateline:<host>:article:<translation key>:<language>``."""
    return f"urn:dateline:{host}:article:{article.translation_key}:{article.locale.language_code}"


def _image_association(article: ArticlePage, host: str, base_url: str) -> dict:
    image = article.lead_image
    renditions = []
    for name, spec in IMAGE_RENDITIONS:
        rendition = rendition_facts(image, spec)
        contenttype = mimetypes.guess_type(rendition.file_name)[0] or "application/octet-stream"
        renditions.append(
            {
                "name": name,
                "href": urljoin(base_url, rendition.url),
                "contenttype": contenttype,
                "width": rendition.width,
                "height": rendition.height,
            }
        )
    association = {
        "name": "leadimage",
        "uri": f"urn:dateline:{host}:image:{image.pk}",
        "type": "picture",
        "representationtype": "partial",
        "headlines": [{"role": "main", "value": image.title}],
        "renditions": renditions,
    }
    descriptions = []
    caption = article.lead_image_caption_text
    if caption:
        descriptions.append({"role": "caption", "contenttype": "text/plain", "value": caption})
    description = getattr(image, "description", "")
    if description:
        descriptions.append({"role": "alt", "contenttype": "text/plain", "value": description})
    if descriptions:
        association["descriptions"] = descriptions
    credit = article.lead_image_credit_text
    if credit:
        association["by"] = credit  # ninjs "by": the credit line (photographer and/or agency)
    return association


class NinjsBuilder:
    """Builds ninjs items for one request, remembering sections, editions and sites it looked up.

    ``request`` (optional) lets Wagtail reuse its per-request site lookups.
    One builder serves one response: it does not notice later page changes.
    """

    def __init__(self, request=None):
        self.request = request
        self._parents: dict[str, Page | None] = {}
        self._editions: dict[str, EditionPage | None] = {}
        self._sites: dict[str, tuple[str, str]] = {}
        self._urls: dict[int, str | None] = {}

    def parent_of(self, page: Page) -> Page | None:
        """The parent page (the article's section), looked up once per parent."""
        parent_path = page.path[: -Page.steplen]
        if parent_path not in self._parents:
            edition = self.edition_of(page)
            if edition is not None:  # its live sections are cached (``EditionPage.sections``)
                self._parents.update({section.path: section for section in edition.sections()})
            if parent_path not in self._parents:
                self._parents[parent_path] = Page.objects.filter(path=parent_path).first()
        return self._parents[parent_path]

    def edition_of(self, page: Page) -> EditionPage | None:
        """The live edition above ``page``, looked up once per edition subtree."""
        edition_path = page.path[: Page.steplen * 2]
        if edition_path not in self._editions:
            self._editions[edition_path] = EditionPage.live_by_path().get(edition_path)
        return self._editions[edition_path]

    def url_of(self, page: Page) -> str | None:
        """The full URL of ``page`` (once per page)."""
        if page.pk not in self._urls:
            self._urls[page.pk] = page.get_full_url(self.request)
        return self._urls[page.pk]

    def host_and_base_url(self, article: ArticlePage) -> tuple[str, str]:
        """``(host name, base URL ending in /)`` of the site the article is served on."""
        edition_path = article.path[: Page.steplen * 2]
        if edition_path not in self._sites:
            parts = article.get_url_parts(self.request)  # from Wagtail's cached site root paths
            site = None if parts else Site.objects.filter(is_default_site=True).first()
            if parts:
                root_url = parts[1]
                self._sites[edition_path] = (urlsplit(root_url).hostname or "localhost", root_url + "/")
            elif site is not None:
                self._sites[edition_path] = (site.hostname, site.root_url + "/")
            elif self.request is not None:  # pragma: no cover - no Site at all
                self._sites[edition_path] = (
                    self.request.get_host().split(":")[0],
                    self.request.build_absolute_uri("/"),
                )
            else:  # pragma: no cover
                self._sites[edition_path] = ("localhost", "http://localhost/")
        return self._sites[edition_path]

    def item(self, article: ArticlePage) -> dict:
        """Return the ninjs 2.2 item (a JSON-ready dict) of one article.

        ``article`` should come from ``distributable_articles()`` (it reads the
        ``version_at`` annotation, falling back to the page's own dates).
        Absolute URLs are built from the article's Wagtail ``Site``. Absent
        optional data is left out, never sent empty. Built part by part: the
        identity and versions, the content, the subjects, the sources, the
        renditions and the associations.
        """
        host, base_url = self.host_and_base_url(article)
        edition = self.edition_of(article)
        item = self._identity(article, host)
        item.update(self._content(article, base_url, edition))
        subjects = self._subjects(article, edition)
        if subjects:
            item["subjects"] = subjects
        item.update(self._sources(article.source_agency))
        page_url = self.url_of(article)
        if page_url:
            item["renditions"] = [
                {"name": "html", "href": page_url, "contenttype": "text/html", "title": article.title}
            ]
        associations = self._associations(article, host, base_url)
        if associations:
            item["associations"] = associations
        if article.wire_id:
            item["altids"].append({"role": "wire-id", "value": article.wire_id})
        newsroom_ninjs(item, article)
        return item

    def _identity(self, article: ArticlePage, host: str) -> dict:
        """``uri``, type, standard, ``version``, the creation times, status, language and ``altids``."""
        zone = article.local_published_at.tzinfo
        version_at = getattr(article, "version_at", None) or article.modified_at
        return {
            "uri": article_uri(article, host),
            "type": "text",
            "representationtype": "full",
            "profile": "dateline-article",
            "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA_URI},
            "version": str(article.live_revision_id or 1),
            "firstcreated": _iso(article.published_at, zone),
            "versioncreated": _iso(version_at, zone),
            "pubstatus": "usable",
            "language": article.locale.language_code,
            "altids": [{"role": "dateline-id", "value": str(article.pk)}],
            "slugline": article.slug,
        }

    def _content(self, article: ArticlePage, base_url: str, edition: EditionPage | None) -> dict:
        """``headlines``, ``bodies`` (absolute links), ``descriptions``, ``copyrightholder``, ``by``, ``located``."""
        body_html = article_html(article.body, base_url)
        plain_body = strip_tags(body_html)
        content: dict = {
            "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.title}],
            "bodies": [
                {
                    "role": "main",
                    "contenttype": "text/html",
                    "charcount": len(plain_body),
                    "wordcount": len(plain_body.split()),
                    "value": body_html,
                }
            ],
        }
        if article.lead:
            content["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": article.lead}]
        if edition is not None and edition.site_name:
            content["copyrightholder"] = edition.site_name
        if article.byline:
            content["by"] = article.byline
        if article.dateline_place:
            content["located"] = article.dateline_place
        return content

    @staticmethod
    def _subject(name: str, rel: str, literal: str, uri: str | None) -> dict:
        """One ninjs subject; ``uri`` is left out when there is none."""
        subject = {"name": name, "rel": rel, "literal": literal}
        if uri:
            subject["uri"] = uri
        return subject

    def _subjects(self, article: ArticlePage, edition: EditionPage | None) -> list[dict]:
        """``subjects``: the section, the dossier (when live) and the tags, with their URLs."""
        subjects = []
        section = self.parent_of(article)
        if section is not None:
            subjects.append(self._subject(section.title, "section", section.slug, self.url_of(section)))
        dossier = article.dossier if article.dossier_id else None
        if dossier is not None and dossier.live:
            subjects.append(self._subject(dossier.title, "dossier", dossier.slug, self.url_of(dossier)))
        edition_url = self.url_of(edition) if edition is not None else None
        for tag in sorted(article.tags.all(), key=lambda t: t.name):
            tag_url = edition_url + edition.reverse_subpage("tag", args=[tag.slug]) if edition_url else None
            subjects.append(self._subject(tag.name, "tag", tag.slug, tag_url))
        return subjects

    @staticmethod
    def _sources(agency) -> dict:
        """``infosources`` and ``organisations``: the credited source agency, if any."""
        if agency is None:
            return {}
        uri = {"uri": agency.url} if agency.url else {}
        return {
            "infosources": [{"name": agency.name, "role": "source", **uri}],
            "organisations": [{"name": agency.name, "rel": "source", **uri}],
        }

    @staticmethod
    def _associations(article: ArticlePage, host: str, base_url: str) -> list[dict]:
        """``associations``: the lead image and the original story at ``source_url``."""
        associations = []
        if article.lead_image_id:
            associations.append(_image_association(article, host, base_url))
        if article.source_url:
            original = {"name": "source", "uri": article.source_url, "type": "text", "representationtype": "partial"}
            if article.source_agency is not None:
                original["copyrightholder"] = article.source_agency.name
            associations.append(original)
        return associations


def newsroom_ninjs(item: dict, article: ArticlePage) -> None:
    """Add the newsroom's properties to a ninjs ``item`` of ``article``: urgency, ednote, embargoed.

    ``urgency``: 1 flash, 3 urgent, 5 normal (``news.newsroom_fields.NINJS_URGENCY``).
    ``ednote``: the corrections and updates, one a line, in the article's language
    ("Correction, 12 March 2026, 15:40 Moscow time: …"). ``embargoed``: the embargo time
    while it is in the future (only keys allowed embargoed content receive such items).
    """
    from django.utils import translation

    from dateline.news.dates import datetime_label
    from dateline.news.newsroom_fields import CorrectionKind

    zone = article.local_published_at.tzinfo
    item["urgency"] = article.ninjs_urgency
    notes = article.public_corrections() if article.pk else []
    if notes:
        with translation.override(article.locale.language_code):
            item["ednote"] = "\n".join(
                f"{CorrectionKind(note.kind).label}, {datetime_label(note.noted_at, article.time_zone)}: {note.text}"
                for note in notes
            )
    if article.is_embargoed:
        item["embargoed"] = _iso(article.embargo, zone)


def withdrawn_ninjs(article: ArticlePage, withdrawal, request=None) -> dict:
    """The ninjs item telling subscribers that ``article`` was withdrawn: ``pubstatus`` "canceled".

    Keeps the item's ``uri``, headline and language; ``versioncreated`` is the withdrawal
    time, ``ednote`` its reason; no body and no rendition (the page answers 410).
    """
    builder = NinjsBuilder(request)
    host, _base = builder.host_and_base_url(article)
    zone = article.local_published_at.tzinfo
    return {
        "uri": article_uri(article, host),
        "type": "text",
        "profile": "dateline-article",
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA_URI},
        "version": str((article.latest_revision_id or 0) + 1),
        "firstcreated": _iso(article.published_at, zone),
        "versioncreated": _iso(withdrawal.withdrawn_at, zone),
        "pubstatus": "canceled",
        "language": article.locale.language_code,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.title}],
        "ednote": withdrawal.reason,
        "altids": [{"role": "dateline-id", "value": str(article.pk)}],
    }


def article_to_ninjs(article: ArticlePage, request=None) -> dict:
    """Return the ninjs 2.2 item of one article (see ``NinjsBuilder.item``)."""
    return NinjsBuilder(request).item(article)
