"""The demo site: the reference article in both editions, with its dossier.

The content lives in ``demo/reference_article.json`` beside this module. Loading
is idempotent: every item carries a fixed ``translation_key``, and an item that
already exists in a locale is left exactly as editors may have changed it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.utils.file import hash_filelike

from .models import ArticlePage, DossierPage, EditionPage, SectionPage, SourceAgency

DEMO_FILE = Path(__file__).with_name("demo") / "reference_article.json"


@dataclass
class LoadReport:
    """What a load created and what it found already there (names of items)."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Turn plain-text paragraphs into Wagtail rich-text HTML (``<p>`` each, escaped)."""
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _publish(page: Page, published_at: datetime | None = None) -> None:
    revision = page.save_revision()
    revision.publish()
    if published_at is not None:
        Page.objects.filter(pk=page.pk).update(first_published_at=published_at)


def _demo_photo(data: dict, directory: Path, report: LoadReport):
    """Return the demo's lead picture as a Wagtail image, uploading the file only when no image has its hash."""
    path = directory / data["file"]
    with path.open("rb") as handle:
        file_hash = hash_filelike(handle)
    Photo = get_image_model()
    photo = Photo.objects.filter(file_hash=file_hash).first()
    if photo is not None:
        report.existing.append("lead image")
        return photo
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    with path.open("rb") as handle:
        photo = Photo(title=data["title"], credit=data.get("credit", ""), collection=collection)
        photo.file = ImageFile(handle, name=data["file"])
        photo._set_image_file_metadata()
        photo.save()
    report.created.append("lead image")
    return photo


def _child(parent: Page, model, key: str, locale: Locale, report: LoadReport, name: str, **fields):
    existing = model.objects.filter(translation_key=key, locale=locale).first()
    if existing is not None:
        report.existing.append(name)
        return existing
    page = model(translation_key=key, locale=locale, live=False, **fields)
    parent.add_child(instance=page)
    report.created.append(name)
    return page


@transaction.atomic
def load_demo_content(path: Path = DEMO_FILE) -> LoadReport:
    """Create the demo editions, section, dossier, agency and article where missing.

    Makes the English edition the default site's root page (replacing Wagtail's
    "Welcome" page if it is still there). Returns a ``LoadReport``.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    keys = {name: uuid.UUID(value) for name, value in data["keys"].items()}
    published_at = datetime.fromisoformat(data["published_at"])
    report = LoadReport()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in data["editions"]}
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locales["en"])
    original = locales[data["original_locale"]]
    photo = _demo_photo(data["lead_image"], path.parent, report) if "lead_image" in data else None

    for code, content in data["editions"].items():
        locale = locales[code]
        edition = _child(
            root,
            EditionPage,
            keys["edition"],
            locale,
            report,
            f"{code} edition",
            slug=code,
            **content["edition"],
        )
        if not edition.live:
            _publish(edition)
        section = _child(
            edition,
            SectionPage,
            keys["section_news"],
            locale,
            report,
            f"{code} section News",
            **content["section_news"],
        )
        if not section.live:
            _publish(section)
        dossier_data = content["dossier_inf"]
        dossier = _child(
            edition,
            DossierPage,
            keys["dossier_inf"],
            locale,
            report,
            f"{code} dossier",
            title=dossier_data["title"],
            slug=dossier_data["slug"],
            body=paragraphs_to_html(dossier_data["paragraphs"]),
        )
        if not dossier.live:
            _publish(dossier, published_at)
        agency = SourceAgency.objects.filter(translation_key=keys["agency_tass"], locale=locale).first()
        if agency is None:
            agency = SourceAgency.objects.create(
                translation_key=keys["agency_tass"], locale=locale, **content["agency_tass"]
            )
            report.created.append(f"{code} agency")
        else:
            report.existing.append(f"{code} agency")
        article_data = content["article_lavrov"]
        article = _child(
            section,
            ArticlePage,
            keys["article_lavrov"],
            locale,
            report,
            f"{code} article",
            title=article_data["title"],
            slug=article_data["slug"],
            lead=article_data["lead"],
            body=paragraphs_to_html(article_data["paragraphs"]),
            dateline_place=article_data["dateline_place"],
            published_at=published_at,
            time_zone=data["time_zone"],
            source_agency=agency,
            dossier=dossier,
            translated_from=None if locale == original else original,
            lead_image=photo,
            lead_image_caption=article_data.get("lead_image_caption", ""),
            lead_image_credit=article_data.get("lead_image_credit", ""),
        )
        if "lead image" in report.created and article.live and article.lead_image_id is None:
            # A demo loaded before it had a picture, seeing the picture for the first time: attach it.
            # Later loads find the picture and leave the article as editors keep it.
            article.lead_image = photo
            article.lead_image_caption = article_data.get("lead_image_caption", "")
            article.lead_image_credit = article_data.get("lead_image_credit", "")
            article.save_revision().publish()
            report.created.append(f"{code} article lead image")
        if not article.live:
            article.tags.add(*article_data["tags"])
            _publish(article, published_at)

    site = Site.objects.filter(is_default_site=True).first()
    en_edition = EditionPage.objects.get(translation_key=keys["edition"], locale=original)
    base_url = urlparse(settings.WAGTAILADMIN_BASE_URL)
    hostname = base_url.hostname or "localhost"
    port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site_name = data["editions"]["en"]["edition"]["site_name"]
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=en_edition, is_default_site=True, site_name=site_name
        )
    if (site.hostname, site.port) == ("localhost", 80) and (hostname, port) != ("localhost", 80):
        # Still Wagtail's initial site: give it the address the demo is served at (canonical URLs).
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    if site.root_page_id != en_edition.pk:
        welcome = site.root_page
        site.root_page = en_edition
        site.site_name = site_name
        site.save()
        if type(welcome.specific) is Page and welcome.get_children_count() == 0:
            welcome.delete()
    return report
