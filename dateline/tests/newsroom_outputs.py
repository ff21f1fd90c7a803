"""Every public output an article can appear in, visited as the public (and as subscribers).

``appearances(client, story)`` returns ``{output name: bool}``: whether each output shows
the story's article (its URL path, its full URL or its unique headline). Used by the
embargo walk, the withdrawal tests and the unpublished/restricted-section walk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page

from dateline.news.models import ArticleCorrection, ArticlePage, DossierPage, SectionPage

MARK = "Zanzibarquux"  # a word no other page has: the search finds the story by it
TAG = "walktag"


@dataclass
class Story:
    """An English article (``article``) with its live Russian translation (``translation``),
    a sibling article (``other``, whose aside lists the latest news) and a dossier."""

    article: ArticlePage
    translation: ArticlePage
    other: ArticlePage
    dossier: DossierPage
    api_keys: dict = field(default_factory=dict)


def make_story(section: SectionPage, title: str = f"{MARK} summit ends", translation_embargo=None, **fields) -> Story:
    """Create and publish the story's article (now, with a tag, dossier and a correction), its Russian
    translation (embargo ``translation_embargo``) and a sibling article; ``fields`` go to the article."""
    edition = section.get_parent().specific
    dossier = DossierPage.objects.child_of(edition).live().first()
    other = ArticlePage(title="Sibling story", slug="sibling-story", body="<p>Other.</p>", published_at=timezone.now())
    section.add_child(instance=other)
    other.save_revision().publish()
    article = ArticlePage(
        title=title,
        slug="walk-story",
        lead=f"{MARK} lead.",
        body=f"<p>{MARK} body text.</p>",
        published_at=timezone.now() - timezone.timedelta(minutes=5),
        dossier=dossier,
        **fields,
    )
    section.add_child(instance=article)
    article.tags.add(TAG)
    article.corrections.add(ArticleCorrection(text=f"{MARK} was misspelt.", noted_at=timezone.now()))
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    ru = Locale.objects.get(language_code="ru")
    translation = article.copy_for_translation(ru, copy_parents=False)
    translation.title = f"{MARK} саммит завершён"
    translation.slug = "walk-story-ru"
    translation.embargo = translation_embargo
    translation.save_revision().publish()
    translation = ArticlePage.objects.get(pk=translation.pk)
    return Story(article=ArticlePage.objects.get(pk=article.pk), translation=translation, other=other, dossier=dossier)


def _shows(response, article: ArticlePage) -> bool:
    if response.status_code != 200:
        return False
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    return article.title in text or f"/{article.slug}/" in text or f'"{article.pk}"' in text


def appearances(story: Story, api_key: str | None = None) -> dict[str, bool]:
    """Visit every output as the public; return ``{output: shows the story's English article}``."""
    cache.clear()
    client = Client()
    article = ArticlePage.objects.get(pk=story.article.pk)
    edition_url = "/en/"
    section_url = Page.objects.get(pk=article.get_parent().pk).url or "/en/-/no-section/"
    dossier_url = story.dossier.url
    urls = {
        "article page": f"{section_url}{article.slug}/",
        "edition home": edition_url,
        "section page": section_url,
        "dossier page": dossier_url,
        "tag page": f"{edition_url}tags/{TAG}/",
        "sibling's aside": story.other.url,
        "edition RSS": f"{edition_url}feed/rss/",
        "edition Atom": f"{edition_url}feed/atom/",
        "section RSS": f"{section_url}feed/rss/",
        "dossier RSS": f"{dossier_url}feed/rss/",
        "tag Atom": f"{edition_url}tags/{TAG}/feed/atom/",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
        "search": f"{edition_url}search/?q={MARK}",
        "corrections page": "/en/corrections/",
    }
    seen = {name: _shows(client.get(url), article) for name, url in urls.items()}
    # The reader endpoints answer about a public article only (200), else 404
    seen["reader state endpoint"] = client.get(f"/en/-/reader/state/{article.pk}/").status_code == 200
    # The translation's page must not point at it (hreflang, language switch, JSON-LD translationOfWork)
    translation_page = client.get(story.translation.url)
    path = f"{section_url}{article.slug}/"
    seen["translation's hreflang/JSON-LD/switch"] = (
        translation_page.status_code == 200 and path in translation_page.content.decode()
    )
    search_page = client.get("/en/search/").content.decode()  # no results: only the banner can name it
    seen["breaking banner"] = 'class="breaking-banner"' in search_page and article.title in search_page
    if api_key:
        auth = {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}
        listing = client.get("/api/ninjs/", **auth)
        seen["ninjs list"] = any(
            alt["value"] == str(article.pk)
            for item in listing.json().get("items", [])
            for alt in item.get("altids", [])
        )
        item = client.get(f"/api/ninjs/{article.pk}", **auth)
        seen["ninjs item"] = item.status_code == 200 and item.json().get("pubstatus") == "usable"
    return seen
