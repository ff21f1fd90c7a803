"""The wire desk's writes: receive an item into the inbox, take it into an article, dismiss it.

``receive`` stores a ``WireItem`` as an ``InboxItem`` unless the desk has seen it
before: same normalised guid (unless this is a newer version: higher
``version``, or a later version time with other text — then it is stored as an
update of the item before it), same canonical URL, same text (content hash), or
an article imported before this desk existed (``ArticlePage.wire_id``/``source_url``).
Items already in the inbox are never changed by a later poll.

``take`` turns a new inbox item into an unpublished article of the chosen
section (credit, original URL, byline, dateline, lead image with its credit);
an update of an item already taken becomes a new draft revision of that
article instead. ``dismiss`` sets items aside. Both record who and when.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page

from dateline.news.models import ArticlePage, SectionPage, SourceAgency
from dateline.news.newsroom_fields import urgency_of_iptc
from dateline.news.slugs import available_slug
from dateline.news.text import html_to_text

from .actions import MAX_BYLINE, MAX_TITLE, MAX_URL, _valid_url
from .models import InboxItem, WireSource
from .richtext import paragraphs_text
from .sources import SourceError, WireItem, fetch
from .sources.tidy import content_hash, normalise_guid

logger = logging.getLogger(__name__)

NEW, UPDATE, DUPLICATE, UNUSABLE = "new", "update", "duplicate", "unusable"
CREDIT_PREFIX = re.compile(r"^\s*(?:photo|picture|image|foto|фото|снимок)\s*[:：]\s*", re.IGNORECASE)
IMAGE_TYPES = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass
class Received:
    """The outcome of ``receive``: ``status`` is "new", "update", "duplicate" or "unusable".

    ``item`` is the stored inbox item (for "duplicate": the one seen before, when
    known); ``reason`` explains a duplicate or an unusable item in one line.
    """

    status: str
    item: InboxItem | None = None
    reason: str = ""


def unusable_reason(item: WireItem) -> str:
    """Why ``item`` cannot go to the desk ("no article text", "no headline"), or ``""``."""
    if not html_to_text(item.body_html):
        return "no article text"
    if not " ".join(item.title.split()):
        return "no headline"
    return ""


def _is_newer(item: WireItem, before: InboxItem, text_hash: str) -> bool:
    if item.version is not None and before.version is not None:
        return item.version > before.version
    if item.published_at and before.version_created and text_hash != before.content_hash:
        return item.published_at > before.version_created
    return False


def _legacy_article(item: WireItem) -> ArticlePage | None:
    keys = [key[:MAX_URL] for key in dict.fromkeys([item.guid, item.url]) if key]
    if not keys:
        return None
    return ArticlePage.objects.filter(Q(wire_id__in=keys) | Q(source_url__in=keys)).order_by("pk").first()


def find_seen(item: WireItem) -> Received | None:
    """The desk's earlier sight of ``item`` as a ``Received`` ("update" or "duplicate"), or ``None`` when new."""
    guid_key = normalise_guid(item.guid)[:MAX_URL]
    url_key = normalise_guid(item.url)[:MAX_URL]
    text_hash = content_hash(item.body_html)
    if guid_key:
        versions = list(InboxItem.objects.filter(guid_key=guid_key).order_by("-pk")[:50])
        if versions:
            latest = versions[0]
            if all(_is_newer(item, seen, text_hash) for seen in versions):
                return Received(UPDATE, latest)
            return Received(DUPLICATE, latest, "already received (same guid)")
    if url_key:
        seen = InboxItem.objects.filter(url_key=url_key).order_by("pk").first()
        if seen is not None:
            return Received(DUPLICATE, seen, "already received (same URL)")
    if text_hash:
        seen = InboxItem.objects.filter(content_hash=text_hash).order_by("pk").first()
        if seen is not None:
            return Received(DUPLICATE, seen, "already received (same text)")
    article = _legacy_article(item)
    if article is not None:
        return Received(DUPLICATE, None, "already imported")
    return None


def receive(item: WireItem, source: WireSource | None = None, warnings: list[str] | None = None) -> Received:
    """Store ``item`` in the inbox (status "new") unless the desk has seen it; returns ``Received``.

    ``source`` is the configured source (``None`` for a one-shot import);
    ``warnings`` (encoding guesses, lenient parsing) are kept on the item. Runs
    in one transaction, serialised per source (``SELECT … FOR UPDATE`` on
    PostgreSQL), so two pollers cannot store one item twice. Never changes an
    item already in the inbox.
    """
    reason = unusable_reason(item)
    if reason:
        return Received(UNUSABLE, None, reason)
    with transaction.atomic():
        if source is not None:
            WireSource.objects.select_for_update().filter(pk=source.pk).first()
        seen = find_seen(item)
        if seen is not None and seen.status == DUPLICATE:
            return seen
        notes = [item.date_problem] if item.date_problem else []
        stored = InboxItem.objects.create(
            source=source,
            format=item.format,
            guid=item.guid[:MAX_URL],
            guid_key=normalise_guid(item.guid)[:MAX_URL],
            url=_valid_url(item.url),
            url_key=normalise_guid(item.url)[:MAX_URL],
            content_hash=content_hash(item.body_html),
            version=item.version,
            title=" ".join(item.title.split())[:MAX_TITLE],
            subheadline=item.subheadline[:500],
            lead=item.lead,
            body_html=item.body_html,
            original_text=paragraphs_text(item.body_html),
            byline=item.author[:MAX_BYLINE],
            dateline_place=item.dateline_place[:100],
            first_created=item.first_created or item.published_at,
            version_created=item.published_at or item.first_created,
            date_problem=item.date_problem[:500],
            urgency=item.urgency,
            subjects=list(item.subjects),
            language=item.language[:10],
            rights=item.rights,
            source_name=item.source_name[:100],
            source_site_url=_valid_url(item.source_site_url)[:200],
            image_url=_valid_url(item.image_url),
            image_credit=item.image_credit[:200],
            warnings="\n".join([*notes, *(warnings or [])]),
            update_of=seen.item if seen is not None else None,
        )
    return Received(UPDATE if seen is not None else NEW, stored)


def _agency(inbox_item: InboxItem, locale) -> SourceAgency | None:
    source = inbox_item.source
    if source is not None and source.agency_id:
        agency = source.agency
        if agency.locale_id == locale.pk:
            return agency
        translated = agency.get_translation_or_none(locale)
        if translated is not None:
            return translated
        name, url = agency.name, agency.url
    else:
        name, url = inbox_item.source_name.strip(), inbox_item.source_site_url
    if not name:
        return None
    agency = SourceAgency.objects.filter(locale=locale, name__iexact=name).order_by("pk").first()
    if agency is None:
        agency = SourceAgency.objects.create(locale=locale, name=name[:100], url=url[:200])
    return agency


def _lead_image(inbox_item: InboxItem, locale):
    """A Wagtail image downloaded from the item's image URL (captioned with its credit), or ``None``."""
    if not inbox_item.image_url:
        return None
    try:
        raw = fetch(
            inbox_item.image_url,
            timeout=settings.DATELINE_WIRE_FETCH_TIMEOUT,
            max_bytes=settings.DATELINE_WIRE_IMAGE_MAX_BYTES,
        )
    except SourceError as exc:
        logger.warning("wire lead image %s not fetched: %s", inbox_item.image_url, exc)
        return None
    from PIL import Image as PillowImage

    try:
        with PillowImage.open(io.BytesIO(raw.data)) as picture:
            extension = IMAGE_TYPES.get(picture.format or "")
    except Exception:  # noqa: BLE001 - any undecodable file is simply not an image
        extension = None
    if extension is None:
        logger.warning("wire lead image %s is not a JPEG/PNG/GIF/WebP image", inbox_item.image_url)
        return None
    stem = PurePosixPath(urlsplit(inbox_item.image_url).path).stem[:60] or "wire-image"
    with translation.override(locale.language_code):
        credit = CREDIT_PREFIX.sub("", inbox_item.image_credit or inbox_item.source_name).strip()
        title = _("Photo: %(credit)s") % {"credit": credit} if credit else inbox_item.title
    image = get_image_model()(title=title[:255])
    image.file = ImageFile(io.BytesIO(raw.data), name=f"{stem}.{extension}")
    image.save()
    return image


class TakeError(Exception):
    """An item that cannot be taken (already taken or dismissed, section of another type)."""


def _taken_article(inbox_item: InboxItem) -> ArticlePage | None:
    """The article of the earliest version of this item that was taken, following ``update_of``."""
    seen = set()
    current = inbox_item.update_of
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        if current.article_id:
            return ArticlePage.objects.filter(pk=current.article_id).first()
        current = current.update_of
    return None


def take(inbox_item: InboxItem, section: SectionPage, user=None, publish: bool = False) -> tuple[ArticlePage, str]:
    """Make ``inbox_item`` an article of ``section``; returns (article, note) where note explains a kept draft.

    A new item becomes a draft article (with a revision; published when
    ``publish`` and the item has a usable date — an item without one stays a
    draft, never dated "now"), with the urgency of the item's IPTC urgency
    (``urgency_of_iptc``: 1 flash, 2–3 urgent). An update of an item already taken becomes a new
    draft revision of that article (published when ``publish``). Raises
    ``TakeError`` for an item that is not new; ``ValidationError`` propagates.
    """
    image = None
    if inbox_item.status == InboxItem.Status.NEW and _taken_article(inbox_item) is None:
        image = _lead_image(inbox_item, section.locale)  # fetched before any row is locked
    try:
        article, note = _take_locked(inbox_item, section, user, publish, image)
    except BaseException:
        if image is not None:
            image.delete()
        raise
    inbox_item.refresh_from_db()
    article.refresh_from_db()
    return article, note


def _take_locked(inbox_item: InboxItem, section: SectionPage, user, publish: bool, image) -> tuple[ArticlePage, str]:
    """The writes of ``take``, in one transaction with the item (and the section) row locked."""
    with transaction.atomic():
        locked = InboxItem.objects.select_for_update().get(pk=inbox_item.pk)
        if locked.status != InboxItem.Status.NEW:
            raise TakeError(f"the item is already {locked.get_status_display().lower()}")
        note = ""
        published_at = locked.published_at
        if publish and published_at is None:
            publish = False
            note = f"kept as a draft: {locked.date_problem or 'the item gives no date'}"
        article = _taken_article(locked)
        if article is not None:
            article.title = locked.title
            article.lead = locked.lead or locked.subheadline
            article.body = locked.body_html
            article.byline = locked.byline or article.byline
            revision = article.save_revision(user=user)
        else:
            Page.objects.select_for_update().filter(pk=section.pk).first()
            article = ArticlePage(
                title=locked.title,
                slug=available_slug(section, locked.title),
                lead=locked.lead or locked.subheadline,
                body=locked.body_html,
                byline=locked.byline,
                dateline_place=locked.dateline_place,
                published_at=published_at or timezone.now(),
                time_zone=settings.DATELINE_TIME_ZONE,
                source_agency=_agency(locked, section.locale),
                source_url=locked.url,
                wire_id=(locked.guid or locked.url)[:MAX_URL],
                urgency=urgency_of_iptc(locked.urgency),
                lead_image=image,
                locale=section.locale,
                live=False,
                owner=user,
            )
            section.add_child(instance=article)
            revision = article.save_revision(user=user)
        if publish:
            revision.publish(user=user)
        locked.status = InboxItem.Status.TAKEN
        locked.article = article
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "article", "decided_by", "decided_at"])
    return article, note


def dismiss(item_ids, user=None) -> int:
    """Dismiss the new inbox items among ``item_ids``; returns how many changed."""
    return InboxItem.objects.filter(pk__in=list(item_ids), status=InboxItem.Status.NEW).update(
        status=InboxItem.Status.DISMISSED, decided_by=user, decided_at=timezone.now()
    )


def restore(item_ids) -> int:
    """Put dismissed items among ``item_ids`` back in the inbox; returns how many changed."""
    return InboxItem.objects.filter(pk__in=list(item_ids), status=InboxItem.Status.DISMISSED).update(
        status=InboxItem.Status.NEW, decided_by=None, decided_at=None
    )


__all__ = ["Received", "TakeError", "dismiss", "find_seen", "receive", "restore", "take", "ValidationError"]
