"""One URL of every page kind of the English edition, for cold-render measurements and query budgets."""

from __future__ import annotations

from urllib.parse import urlencode

from taggit.models import Tag

from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage


def ninjs_headers() -> dict[str, str]:
    """An ``Authorization`` header with a fresh ninjs API key (the API needs one)."""
    from dateline.distribution.actions import create_api_key

    _key, raw = create_api_key(name="bench", subscriber="make bench", rate_limit_per_minute=100000)
    return {"authorization": f"Bearer {raw}"}


def last_sitemap_file() -> int:
    """The number of the sitemap's last file of URLs (1 when the sitemap is one file)."""
    from dateline.distribution.sitemaps import PageSitemap

    return PageSitemap(None).paginator.num_pages


def page_kinds(language: str = "en") -> list[tuple[str, str, dict]]:
    """Return ``[(kind, url, headers)]``: edition home, section, article, dossier, tag, search, feed,
    sitemap (an index past ``DATELINE_SITEMAP_LIMIT`` URLs), the last file of the sitemap (the
    farthest page of URLs), news sitemap and ninjs list, each the fullest of its kind (the section with the most
    articles, the newest article, the dossier and tag with the most articles)."""
    edition = EditionPage.objects.live().get(locale__language_code=language)
    articles = ArticlePage.objects.live().filter(locale=edition.locale).order_by("-published_at")
    # The fullest article: with a dossier, a credited agency and tags (the demo article) if there is one
    article = articles.filter(dossier__isnull=False, source_agency__isnull=False).first() or articles.first()
    section = max(SectionPage.objects.child_of(edition).live(), key=lambda s: s.numchild)
    dossier = DossierPage.objects.child_of(edition).live().filter(story_articles__live=True).first()
    tag = Tag.objects.filter(news_articletag_items__content_object__locale=edition.locale).first()
    word = articles.first().title.split()[0]
    return [
        ("edition home", edition.url, {}),
        ("section", section.url, {}),
        ("article", article.url, {}),
        ("dossier", dossier.url, {}),
        ("tag", f"{edition.url}tags/{tag.slug}/", {}),
        ("search", f"{edition.url}search/?q={word}", {}),
        ("feed", f"{edition.url}feed/rss/", {}),
        ("sitemap", "/sitemap.xml", {}),
        ("sitemap file", f"/sitemap-pages.xml?p={last_sitemap_file()}", {}),
        ("news sitemap", "/news-sitemap.xml", {}),
        ("ninjs list", "/api/ninjs/", ninjs_headers()),
    ]


def search_queries() -> list[tuple[str, str]]:
    """Return ``[(label, url)]`` of the searches ``make bench`` times: in each edition with articles, a
    word of the generator's vocabulary (found in most generated articles), two such words, the
    generator's rare word (one article in ``RARE_EVERY``) and a word found nowhere; the same
    queries at every archive size; relevance order, page cache off."""
    from dateline.bench.archive import RARE_WORDS, demo_words

    queries = []
    for edition in EditionPage.objects.live().order_by("path"):
        language = edition.locale.language_code
        if language not in RARE_WORDS or not ArticlePage.objects.live().filter(locale=edition.locale).exists():
            continue
        common = [word.lower() for word in demo_words(language) if len(word) >= 6][:2]
        for label, query in [
            ("common", common[0]),
            ("two common", " ".join(common)),
            ("rare", RARE_WORDS[language]),
            ("none", "zzyzx"),
        ]:
            queries.append((f"{language} {label} «{query}»", f"{edition.url}search/?{urlencode({'q': query})}"))
    return queries
