"""Related stories under an article: the same dossier first, then shared tags, then similar text.

``related_articles(article)`` fills up to ``RELATED_LIMIT`` places from three sources, in
this order, never repeating an article and never leaving the article's edition:

1. live articles of the same dossier (the story's other articles), newest first;
2. live articles sharing tags with it, the most shared tags first, then newest;
3. live articles, among the edition's newest ``SIMILARITY_WINDOW``, whose headline and text
   are most similar to its headline and lead: the edition's search backend (PostgreSQL's
   text search or SQLite's FTS5 with Snowball stems, see ``dateline.search``) is asked for
   any of the article's significant words (``SIMILARITY_TERMS`` words of
   ``SIMILARITY_MIN_LENGTH`` letters or more), most relevant first.

At most three database queries, however many articles the edition has (plus the card
images); each step runs only when places are left. The choice is kept until the page
tree changes; in between, an article page reads its related stories in one query.
"""

from __future__ import annotations

from django.db.models import Case, Count, F, Q, Value, When

from dateline.news.models import ArticlePage, ArticleTag
from dateline.news.visibility import cached_for_tree

from .backend import backend_for_language
from .queries import query_terms

#: How many related stories are shown.
RELATED_LIMIT = 4
#: Most words of the headline and lead used to look for similar text.
SIMILARITY_TERMS = 12
#: How many of the edition's newest articles the similar-text step looks among (articles).
SIMILARITY_WINDOW = 1000
#: Shortest word, in letters, used to look for similar text (shorter ones are mostly function words).
SIMILARITY_MIN_LENGTH = 4


def _candidates(article):
    """The articles of ``article``'s edition it may list (the edition's ``articles()``); ``None`` without one."""
    edition = article.edition
    if edition is None or not article.pk:
        return None
    return edition.articles().filter(locale_id=article.locale_id).exclude(pk=article.pk)


def similarity_query(article) -> str:
    """The words of ``article``'s headline and lead the similarity search looks for (space-separated)."""
    words = [w for w in query_terms(f"{article.title} {article.lead}") if len(w) >= SIMILARITY_MIN_LENGTH]
    return " ".join(words[:SIMILARITY_TERMS])


def related_articles(article, limit: int = RELATED_LIMIT) -> list:
    """Return up to ``limit`` live articles of ``article``'s edition related to it (see the module doc).

    The choice (the ids) is kept in the default cache until the page tree changes
    (``news.visibility.cached_for_tree``: any publish, unpublish, move or embargo release);
    the articles themselves are read each time, visible ones only, in one query.
    """
    if article.edition is None or not article.pk:
        return []
    ids = cached_for_tree(
        f"related:{article.pk}:{limit}", lambda: [related.pk for related in choose_related(article, limit)]
    )
    if not ids:
        return []
    # Chosen among the edition's articles in this generation of the tree: only a change of the tree (a
    # move, an unpublish) takes one out of the edition, and it chooses again. What may change meanwhile,
    # an embargo, ``visible()`` checks; the edition's own conditions were a third of this query's time.
    found = ArticlePage.objects.visible().with_pictures().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def choose_related(article, limit: int = RELATED_LIMIT) -> list:
    """Choose up to ``limit`` related articles (see the module doc), reading the database (up to three queries)."""
    candidates = _candidates(article)
    if candidates is None:
        return []
    found: list = []

    def add(queryset):
        for item in queryset[: limit - len(found)]:
            found.append(item)

    # The same dossier (newest first), then shared tags (most shared first, then newest), in one query.
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched with the article (``load_related``)
    story = Q(dossier_id=article.dossier_id) if article.dossier_id else Q(pk__in=[])
    if article.dossier_id or tag_ids:
        # The rows come from the two indexes (dossier, tag), not from a scan of the edition.
        same_story = ArticlePage.objects.filter(story).order_by().values("pk")
        tagged = ArticleTag.objects.filter(tag_id__in=tag_ids).order_by().values("content_object_id")
        add(
            candidates.filter(pk__in=same_story.union(tagged, all=True))
            .annotate(
                same_story=Case(When(story, then=Value(1)), default=Value(0)),
                shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True),
            )
            .annotate(tag_rank=Case(When(same_story=1, then=Value(0)), default=F("shared_tags")))
            .order_by("-same_story", "-tag_rank", "-published_at", "-pk")
        )
    if len(found) < limit:
        query = similarity_query(article)
        if query:
            backend = backend_for_language(article.locale.language_code)
            # Similar text among the edition's newest SIMILARITY_WINDOW articles: ranking every article
            # that shares a common word with it reads most of the archive (seconds at 100,000 articles).
            window = candidates.order_by("-published_at").values("pk")[:SIMILARITY_WINDOW]
            results = backend.search(
                query,
                candidates.filter(pk__in=window).exclude(pk__in=[a.pk for a in found]).order_by(),
                operator="or",
                order_by_relevance=True,
            )
            add(results)
    return found
