"""A generated archive of articles for the benchmark, inserted in bulk.

Wagtail adds pages one at a time through treebeard (a few milliseconds and several
queries each: 100,000 would take many minutes). ``generate_archive`` instead writes the
rows itself, in batches: the base ``Page`` rows with their materialised paths, depths
and URL paths computed the way treebeard and Wagtail do, then the ``ArticlePage`` rows,
tags and dossier links, then the parents' ``numchild``. The text is generated from the
words of the demo article (Dateline's own demo content), shuffled with a fixed seed:
no third-party text. The pages are live, without revisions (nobody edits them), and
indexed for search in bulk.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from dateline.news.demo_content import DEMO_FILE
from dateline.news.models import ArticlePage, ArticleTag, DossierPage, EditionPage, SectionPage

SECTIONS = {
    "en": [("world", "World"), ("politics", "Politics"), ("economy", "Economy"), ("science", "Science")],
    "ru": [("world", "В мире"), ("politics", "Политика"), ("economy", "Экономика"), ("science", "Наука")],
}
TAG_COUNT = 60
DOSSIER_COUNT = 8
BATCH = 2000
#: One article in ``RARE_EVERY`` has this made-up word in its lead (none of the demo's words is so
#: rare): ``make bench`` searches for it beside a word found in nearly every article.
RARE_WORDS = {"en": "quasar", "ru": "квазар"}
RARE_EVERY = 1000


def demo_words(language: str = "en") -> list[str]:
    """The words of the demo article in ``language`` ("en": Latin words, "ru": Cyrillic), for generated text."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    if language == "ru":
        text = json.dumps(data["editions"]["ru"], ensure_ascii=False)
        words = re.findall(r"[А-ЯЁа-яё][а-яё]{2,}", text)
    else:
        text = json.dumps(data, ensure_ascii=False)
        words = re.findall(r"[A-Za-z][a-z]{2,}", text)
    return sorted(set(words)) or ["news"]


def sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    """A generated sentence of ``low``..``high`` words, capitalised, with a full stop."""
    chosen = [rng.choice(words).lower() for _ in range(rng.randint(low, high))]
    return " ".join(chosen).capitalize() + "."


def _section(edition: EditionPage, slug: str, title: str) -> SectionPage:
    section = SectionPage.objects.child_of(edition).filter(slug=slug).first()
    if section is None:
        section = SectionPage(title=title, slug=slug, live=True)
        edition.add_child(instance=section)
    return section


def _dossiers(edition: EditionPage, rng, words) -> list[DossierPage]:
    dossiers = list(DossierPage.objects.child_of(edition).filter(slug__startswith="bench-dossier-"))
    for n in range(len(dossiers), DOSSIER_COUNT):
        dossier = DossierPage(
            title=f"Dossier {n + 1}: " + sentence(rng, words, 2, 4)[:-1],
            slug=f"bench-dossier-{n + 1}",
            body="<p>" + " ".join(sentence(rng, words, 8, 16) for _ in range(3)) + "</p>",
            live=True,
        )
        edition.add_child(instance=dossier)
        dossiers.append(dossier)
    return dossiers


@transaction.atomic
def generate_archive(
    count: int, *, language: str = "en", seed: int = 2019, index: bool = True, every_minutes: int = 17
) -> int:
    """Add ``count`` live generated articles to the edition of ``language``; return how many were added.

    Spread over four sections, published one every ``every_minutes`` minutes back from now (before
    the edition's articles already there: a smaller edition given a larger interval spans the same
    period as a larger one, so the two languages interleave in time), inserted oldest first, each with
    two or three of ``TAG_COUNT`` tags, one in five in one of ``DOSSIER_COUNT`` dossiers, one in
    ``RARE_EVERY`` with ``RARE_WORDS[language]`` in its lead; the words are the demo article's
    in that language. Needs the demo content (``load_demo``). Idempotent only in that slugs never collide
    (a second run adds ``count`` more).
    """
    rng = random.Random(seed + ArticlePage.objects.count())
    words = demo_words(language)
    edition = EditionPage.objects.get(locale__language_code=language)
    sections = [_section(edition, slug, title) for slug, title in SECTIONS[language]]
    dossiers = _dossiers(edition, rng, words)
    tags = [Tag.objects.get_or_create(slug=f"topic-{n}", defaults={"name": f"topic {n}"})[0] for n in range(TAG_COUNT)]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    start = ArticlePage.objects.count()
    in_edition = ArticlePage.objects.filter(locale_id=edition.locale_id).count()
    fields = ArticlePage._meta.local_concrete_fields
    columns = [f.column for f in fields]
    # Columns the generator does not set (urgency, embargo, lead-image caption...) take the field's default.
    defaults = {f.column: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    placeholders = ", ".join(["%s"] * len(columns))
    insert_sql = (
        f"INSERT INTO {connection.ops.quote_name(ArticlePage._meta.db_table)} "
        f"({', '.join(connection.ops.quote_name(c) for c in columns)}) VALUES ({placeholders})"
    )
    next_child = {s.pk: Page.objects.get(pk=s.pk).numchild for s in sections}
    added = 0
    while added < count:
        batch = min(BATCH, count - added)
        pages, details = [], []
        for i in range(batch):
            n = start + added + i
            section = sections[n % len(sections)]
            next_child[section.pk] += 1
            title = sentence(rng, words, 5, 10)[:-1]
            slug = f"a{n}-" + ("-".join(title.lower().split()[:5]) if title.isascii() else language)
            # Oldest first, as a site grows: the newest article has the highest id (and search index entry).
            published = now - timedelta(minutes=every_minutes * (in_edition + count - (added + i)))
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug[:250],
                    content_type=content_type,
                    path=Page._get_path(section.path, section.depth + 1, next_child[section.pk]),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug[:250]}/",
                    locale_id=edition.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            body = "".join("<p>" + " ".join(sentence(rng, words, 8, 20) for _ in range(4)) + "</p>" for _ in range(5))
            dossier = dossiers[n % len(dossiers)].pk if n % 5 == 0 else None
            lead = sentence(rng, words, 15, 30)
            if n % RARE_EVERY == 0:
                lead = f"{lead[:-1]} {RARE_WORDS[language]}."
            details.append((lead, body, published, dossier, rng.sample(tags, rng.randint(2, 3))))
        Page.objects.bulk_create(pages, batch_size=500)
        ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        rows, tag_rows = [], []
        for page, (lead, body, published, dossier, page_tags) in zip(pages, details, strict=True):
            pk = ids[page.path]
            values = {
                "page_ptr_id": pk,
                "lead": lead,
                "body": body,
                "dateline_place": "Moscow",
                "byline": "",
                "published_at": published,
                "time_zone": "Europe/Moscow",
                "source_agency_id": None,
                "source_url": "",
                "wire_id": "",
                "dossier_id": dossier,
                "translated_from_id": None,
                "lead_image_id": None,
            }
            rows.append([values[c] if c in values else defaults[c] for c in columns])
            tag_rows += [ArticleTag(content_object_id=pk, tag=tag) for tag in page_tags]
        with connection.cursor() as cursor:
            cursor.executemany(insert_sql, [[_db_value(v) for v in row] for row in rows])
        ArticleTag.objects.bulk_create(tag_rows, batch_size=1000)
        if index:
            _index(ids.values())
        added += batch
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=next_child[section.pk])
    return added


def _db_value(value):
    if hasattr(value, "tzinfo"):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _index(page_ids) -> None:
    """Add the new articles to the search index in bulk (Wagtail's ``add_bulk``)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    articles = list(ArticlePage.objects.filter(pk__in=list(page_ids)).select_related("locale"))
    backend.add_bulk(ArticlePage, articles)
