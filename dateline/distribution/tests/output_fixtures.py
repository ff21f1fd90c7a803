"""Articles for the distribution output tests (feeds, sitemaps, metadata), in both editions.

* ``tricky_articles``: one fresh article per edition whose headline carries
  ``&``, ``<``, quotes, an emoji, a ``</script>`` and U+000B (illegal in XML 1.0),
  with a byline, a credited agency with source URL, tags, the demo dossier and
  a lead image.
* ``corpus_articles``: articles imported by the wire app from real third-party
  feeds of ``../shared/corpus`` (The Guardian RSS 2.0 for English, touchnokia.ru
  Atom for Russian), published 0, 10, 20... hours ago. The tests that use it are
  skipped when the corpus is absent.

Import the fixtures into a test module to use them.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.html import strip_tags
from PIL import Image as PILImage

from dateline.news.models import ArticlePage, DossierPage, SectionPage, SourceAgency
from dateline.news.slugs import transliterated_slug

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
CORPUS_FEEDS = {
    "en": CORPUS / "feeds" / "rss-parser-js--guardian" / "feed.xml",
    "ru": CORPUS / "feeds" / "feedparser--touchnokia-atom" / "feed.xml",
}
CORPUS_ITEMS = 6  # per edition; published 0, 10, ..., 50 hours ago (the last one outside the news window)
TRICKY_BASE = {
    "en": 'Tom & Jerry <b>win</b> "big" 🎉 at </script> polls',
    "ru": '«Том & Джерри» <b>победили</b> "снова" 🎉 </script>',
}
CONTROL = "\x0b"


def tricky_headline(language: str) -> str:
    """The headline as stored: the tricky text with a vertical tab (U+000B) inside."""
    base = TRICKY_BASE[language]
    return base[:8] + CONTROL + base[8:]


def expected_headline(language: str) -> str:
    """The headline as it must come out of a feed: the same text without U+000B."""
    return TRICKY_BASE[language]


def make_image(title: str, width: int = 1600, height: int = 900):
    """Create a Wagtail image (a JPEG drawn with Pillow) and return it."""
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 90, 140)).save(buffer, "JPEG", quality=80)
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="lead.jpg"))


def add_article(section: SectionPage, **fields) -> ArticlePage:
    """Add a published article under ``section`` and return it (``tags`` is a list of names)."""
    tags = fields.pop("tags", [])
    fields.setdefault("slug", transliterated_slug(strip_tags(fields["title"])))
    article = ArticlePage(locale=section.locale, **fields)
    section.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def tricky_articles(demo) -> dict[str, ArticlePage]:
    """{language: article} with a tricky headline, fresh (published an hour ago), with a lead image."""
    articles = {}
    for language in ("en", "ru"):
        section = SectionPage.objects.get(locale__language_code=language, slug="news")
        agency = SourceAgency.objects.filter(locale__language_code=language).order_by("pk").first()  # the demo TASS
        dossier = DossierPage.objects.get(locale__language_code=language)
        articles[language] = add_article(
            section,
            title=tricky_headline(language),
            slug=f"tricky-{language}",
            lead={"en": "Lead with & and < signs.", "ru": "Лид со знаками & и <."}[language],
            body='<p>Body paragraph one &amp; <a href="/en/news/">a relative link</a>.</p><p>Two.</p>',
            dateline_place={"en": "Moscow", "ru": "Москва"}[language],
            byline={"en": "Anna Petrova", "ru": "Анна Петрова"}[language],
            published_at=timezone.now() - timedelta(hours=1),
            time_zone="Europe/Moscow",
            source_agency=agency,
            source_url=f"https://example.org/{language}/wire-story",
            dossier=dossier,
            lead_image=make_image({"en": "Lead image", "ru": "Главное фото"}[language]),
            tags=[{"en": "Elections", "ru": "Выборы"}[language]],
        )
    return articles


@pytest.fixture
def corpus_articles(demo) -> dict[str, list[ArticlePage]]:
    """{language: [articles]} imported from the shared corpus feeds by the wire app's importer.

    Each feed is read with ``wire.sources.feed.read_feed`` and its first
    ``CORPUS_ITEMS`` items are imported and published with ``wire.actions.import_item``
    into the edition's News section; publish times are then set 0, 10, 20...
    hours ago (the originals are years old). Skips when the corpus is absent.
    """
    from dateline.wire.actions import IMPORTED, import_item
    from dateline.wire.sources.feed import read_feed
    from dateline.wire.sources.fetch import RawSource

    if not all(path.exists() for path in CORPUS_FEEDS.values()):
        pytest.skip(f"shared corpus not found at {CORPUS}")
    now = timezone.now()
    imported = {}
    for language, path in CORPUS_FEEDS.items():
        section = SectionPage.objects.get(locale__language_code=language, slug="news")
        reading = read_feed(RawSource(data=path.read_bytes(), path=str(path)))
        articles = []
        for item in reading.items:
            if len(articles) == CORPUS_ITEMS:
                break
            result = import_item(item, section, publish=True)
            if result.status != IMPORTED:
                continue
            ArticlePage.objects.filter(pk=result.article.pk).update(
                published_at=now - timedelta(hours=10 * len(articles), minutes=1)
            )
            articles.append(ArticlePage.objects.get(pk=result.article.pk))
        assert len(articles) == CORPUS_ITEMS, reading.warnings
        imported[language] = articles
    return imported
