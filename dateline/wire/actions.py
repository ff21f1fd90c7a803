"""Writes of the wire import: one imported item becomes one article.

``import_item`` validates the item, locks the target section, checks that the
item was never imported before (by its ``wire_id``: feed guid or canonical URL),
credits the source agency (created per locale on first use) and creates the
article — a draft with a revision, or published. ``section_for_item`` routes an
item to the section of its language's edition.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from dateline.news.models import ArticlePage, EditionPage, SectionPage, SourceAgency
from dateline.news.slugs import available_slug

from .richtext import paragraphs_text
from .sources import WireItem

IMPORTED, SKIPPED, FAILED = "imported", "skipped", "failed"
MAX_TITLE = 255  # characters (Page.title)
MAX_BYLINE = 200  # characters (ArticlePage.byline)
MAX_URL = 1000  # characters (ArticlePage.source_url, wire_id)


@dataclass
class ImportResult:
    """The outcome of one item: ``status`` is "imported", "skipped" or "failed".

    ``reason`` is the one-line explanation of a skip or failure; ``article`` is
    the created (or, for "already imported", the existing) article.
    """

    status: str
    reason: str = ""
    article: ArticlePage | None = None


def find_section(edition: EditionPage, name: str) -> SectionPage | None:
    """The section of ``edition`` whose slug is ``name`` or whose title is ``name`` (any case)."""
    sections = SectionPage.objects.child_of(edition)
    return sections.filter(slug=name).first() or sections.filter(title__iexact=name).first()


def unusable_reason(item: WireItem) -> str:
    """Why ``item`` cannot become an article ("no article text", "no headline"), or ``""``."""
    if not paragraphs_text(item.body_html):
        return "no article text"
    if not " ".join(item.title.split()):
        return "no headline"
    return ""


def section_for_item(
    item: WireItem, sections: dict[str, SectionPage | None], forced: SectionPage | None = None
) -> tuple[SectionPage | None, str]:
    """Return (section, "") for ``item``, or (None, reason to skip it).

    ``forced`` (the ``--locale`` choice) takes every item; otherwise the item's
    language picks the section in ``sections`` (language code → section of that
    edition, ``None`` when that edition lacks the section).
    """
    if forced is not None:
        return forced, ""
    if not item.language:
        return None, "language not detected (use --locale)"
    if item.language not in sections:
        return None, f"language {item.language} has no edition (use --locale)"
    section = sections[item.language]
    if section is None:
        return None, f"the {item.language} edition has no such section"
    return section, ""


def dedup_keys(item: WireItem) -> list[str]:
    """The identifiers that make ``item`` a duplicate: its guid, and its URL when different."""
    return [key[:MAX_URL] for key in dict.fromkeys([item.guid, item.url]) if key]


def find_imported(item: WireItem) -> ArticlePage | None:
    """An article (any locale, draft or live) already imported from ``item``, or ``None``."""
    keys = dedup_keys(item)
    if not keys:
        return None
    return ArticlePage.objects.filter(Q(wire_id__in=keys) | Q(source_url__in=keys)).order_by("pk").first()


def agency_for(item: WireItem, locale) -> SourceAgency | None:
    """The locale's source agency named ``item.source_name``, created when missing; ``None`` without a name."""
    name = (item.source_name or "").strip()[:100]
    if not name:
        return None
    agency = SourceAgency.objects.filter(locale=locale, name__iexact=name).order_by("pk").first()
    if agency is None:
        agency = SourceAgency.objects.create(locale=locale, name=name, url=item.source_site_url[:200])
    return agency


def _valid_url(url: str) -> str:
    if not url or len(url) > MAX_URL:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url


def import_item(item: WireItem, section: SectionPage, publish: bool = False) -> ImportResult:
    """Create the article of ``item`` under ``section``; returns an ``ImportResult``.

    Skips (never raises) an item without text or headline, or one already
    imported (same guid or URL, in any edition). The article is a draft with one
    revision unless ``publish``; then it is published with ``published_at`` =
    the item's time (now when unknown), shown in ``settings.DATELINE_TIME_ZONE``.
    Runs in one transaction with the section row locked (``SELECT ... FOR UPDATE``
    on PostgreSQL), so concurrent imports into a section cannot both create the
    same item; a validation error fails the item and stores nothing of it.
    Database errors propagate.
    """
    reason = unusable_reason(item)
    if reason:
        return ImportResult(SKIPPED, reason)
    title = " ".join(item.title.split())[:MAX_TITLE].strip()
    try:
        with transaction.atomic():
            Page.objects.select_for_update().filter(pk=section.pk).first()
            existing = find_imported(item)
            if existing is not None:
                return ImportResult(SKIPPED, "already imported", existing)
            article = ArticlePage(
                title=title,
                slug=available_slug(section, title),
                lead=item.lead,
                body=item.body_html,
                byline=item.author[:MAX_BYLINE],
                published_at=item.published_at or timezone.now(),
                source_agency=agency_for(item, section.locale),
                source_url=_valid_url(item.url),
                wire_id=(item.guid or item.url)[:MAX_URL],
                locale=section.locale,
                live=False,
            )
            section.add_child(instance=article)
            revision = article.save_revision()
            if publish:
                revision.publish()
    except ValidationError as exc:
        return ImportResult(FAILED, f"invalid item ({'; '.join(exc.messages)})")
    article.refresh_from_db()
    return ImportResult(IMPORTED, "", article)
