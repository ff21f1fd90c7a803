"""What the page tree cache keeps (hidden subtrees, sections, breaking banner) follows every change,
and the article route fetches the article in one query without changing what routes where."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.news.models import ArticlePage, SectionPage
from dateline.news.visibility import hidden_subtrees

pytestmark = pytest.mark.django_db


def new_section(edition, slug="world", title="World"):
    section = SectionPage(title=title, slug=slug)
    edition.add_child(instance=section)
    section.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def new_article(section, slug="tree-story", **fields):
    fields.setdefault("published_at", timezone.now())
    article = ArticlePage(title="Tree story", slug=slug, body="<p>Text.</p>", **fields)
    section.add_child(instance=article)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_hidden_subtrees_are_read_once_then_come_from_the_cache(demo):
    hidden_subtrees()
    with CaptureQueriesContext(connection) as queries:
        hidden_subtrees()
    assert len(queries) == 0


@pytest.mark.parametrize("hide", ["unpublish", "restrict", "delete"])
def test_each_change_of_the_tree_shows_at_once_with_the_cache_warm(en_article, hide):
    section = new_section(en_article.get_parent().get_parent())
    article = new_article(section)
    client = Client()
    assert client.get(article.url).status_code == 200  # warms the cached hidden subtrees
    assert article.title in client.get("/en/").content.decode()
    if hide == "unpublish":
        section.unpublish()
    elif hide == "restrict":
        PageViewRestriction.objects.create(page=section, restriction_type="password", password="secret")
    else:
        url = article.url
        section.delete()
        assert client.get(url).status_code == 404
        return
    assert client.get(article.url).status_code == 404
    assert article.title not in client.get("/en/").content.decode()
    if hide == "unpublish":  # and back
        section.save_revision().publish()
        assert client.get(article.url).status_code == 200


def test_a_new_section_reaches_the_navigation_of_every_page_with_the_cache_warm(en_article):
    client = Client()
    assert ">Science<" not in client.get(en_article.url).content.decode()
    new_section(en_article.get_parent().get_parent(), slug="science", title="Science")
    assert ">Science<" in client.get(en_article.url).content.decode()


def test_the_breaking_banner_shows_at_the_embargo_time_with_the_cache_warm(en_article, monkeypatch):
    embargo = timezone.now() + timedelta(hours=1)
    article = new_article(
        en_article.get_parent(), embargo=embargo, breaking=True, breaking_until=embargo + timedelta(hours=2)
    )
    client = Client()
    assert 'class="breaking-banner"' not in client.get("/en/search/").content.decode()
    moment = embargo + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    html = client.get("/en/search/").content.decode()
    assert 'class="breaking-banner"' in html and article.title in html
    # and it goes at its expiry
    later = article.breaking_until + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert 'class="breaking-banner"' not in client.get("/en/search/").content.decode()


def test_an_article_is_routed_only_under_its_own_section(en_article):
    other = new_section(en_article.get_parent().get_parent())
    client = Client()
    assert client.get(en_article.url).status_code == 200
    assert client.get(f"/en/{other.slug}/{en_article.slug}/").status_code == 404
    assert client.get(f"/en/{en_article.get_parent().slug}/no-such-article/").status_code == 404


def test_the_article_route_fetches_the_article_in_one_query(en_article, rf):
    from wagtail.models import Page

    client = Client()
    client.get(en_article.url)
    request = rf.get(en_article.url)
    edition = en_article.get_parent().get_parent().specific
    with CaptureQueriesContext(connection) as queries:
        page, _args, _kwargs = edition.route(request, en_article.url.strip("/").split("/")[1:])
    assert page.pk == en_article.pk and isinstance(page, ArticlePage)
    assert len(queries) == 1
    assert page.edition.pk == edition.pk and page.locale.language_code == "en"
    # the edition's own routes come first, as RoutablePageMixin has them
    page, args, _kwargs = edition.route(rf.get("/en/feed/rss/"), ["feed", "rss"])
    assert isinstance(page, Page) and page.pk == edition.pk and args


def test_an_embargoed_or_unpublished_article_is_not_routed(en_article):
    client = Client()
    assert client.get(en_article.url).status_code == 200
    ArticlePage.objects.filter(pk=en_article.pk).update(embargo=timezone.now() + timedelta(hours=1))
    assert client.get(en_article.url).status_code == 404
    ArticlePage.objects.filter(pk=en_article.pk).update(embargo=None)
    assert client.get(en_article.url).status_code == 200
    en_article.unpublish()
    assert client.get(en_article.url).status_code == 404


def test_section_blocks_rank_only_recent_articles_yet_match_the_whole_archive(en_article, rf, monkeypatch):
    from dateline.news.models import SECTION_BLOCK, TOP_STORIES, EditionPage

    edition = EditionPage.objects.get(pk=en_article.get_parent().get_parent().pk)
    world = new_section(edition)
    start = timezone.now() - timedelta(days=30)
    for n in range(TOP_STORIES + SECTION_BLOCK + 6):
        new_article(world, slug=f"world-{n}", published_at=start + timedelta(hours=n))

    def blocks():
        context = edition.get_context(rf.get("/en/"))
        return {section.slug: [a.pk for a in shown] for section, shown in context["section_blocks"]}, context

    def brute(context):
        top = [a.pk for a in context["top_articles"]]
        return {
            section.slug: list(
                edition.articles().exclude(pk__in=top).child_of(section).values_list("pk", flat=True)[:SECTION_BLOCK]
            )
            for section in edition.sections()
        }

    shown, context = blocks()
    assert shown == brute(context) and len(shown["world"]) == SECTION_BLOCK
    ids, _since = edition.section_candidates()
    oldest = ArticlePage.objects.get(slug="world-0")
    assert oldest.pk not in ids  # the oldest world articles are not ranked at all
    # An article whose embargo lifts later, with the cutoffs cached, is shown at once
    embargo = timezone.now() + timedelta(hours=1)
    late = new_article(world, slug="world-late", published_at=timezone.now(), embargo=embargo)
    moment = embargo + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    edition = EditionPage.objects.get(pk=edition.pk)
    shown, context = blocks()
    assert shown == brute(context)
    assert late.pk in [a.pk for a in context["top_articles"]] + shown["world"]


def test_a_sections_count_is_kept_until_the_tree_changes(en_article):
    section = en_article.get_parent()
    client = Client()
    client.get(section.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(section.url).status_code == 200
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
    for n in range(21):  # past the first page of 20
        new_article(section, slug=f"count-{n}")
    html = client.get(section.url).content.decode()
    assert "?page=2" in html


def test_the_site_is_read_once_and_follows_a_new_site_or_root(demo, rf, settings):
    from wagtail.models import Site

    from dateline.news.middleware import SiteMiddleware
    from dateline.news.models import EditionPage

    settings.ALLOWED_HOSTS = ["*"]
    middleware = SiteMiddleware(lambda request: request._wagtail_site)
    en, ru = (EditionPage.objects.get(locale__language_code=code) for code in ("en", "ru"))

    first = middleware(rf.get("/", HTTP_HOST="other.example"))
    assert first.is_default_site and first.root_page.pk == en.pk
    assert isinstance(first.root_page, EditionPage)  # routing needs no query for the root's fields
    with CaptureQueriesContext(connection) as queries:
        again = middleware(rf.get("/", HTTP_HOST="other.example"))
    assert again.pk == first.pk and len(queries) == 0

    Site.objects.create(hostname="other.example", port=80, root_page=ru, site_name="Other")
    other = middleware(rf.get("/", HTTP_HOST="other.example"))
    assert other.hostname == "other.example" and other.root_page.pk == ru.pk
    assert middleware(rf.get("/", HTTP_HOST="localhost")).pk == first.pk  # other hosts keep theirs

    Site.objects.filter(pk=other.pk).get().delete()
    assert middleware(rf.get("/", HTTP_HOST="other.example")).pk == first.pk


def test_a_tree_value_is_copied_by_the_process_until_the_tree_changes(demo, monkeypatch):
    from django.core.cache import cache

    from dateline.news import visibility
    from dateline.news.visibility import cached_for_tree, forget_tree

    reads, value_gets = [], []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        if ":answer" in key:
            value_gets.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)

    def read():
        reads.append(1)
        return {"ids": [1, 2, 3]}

    first = cached_for_tree("answer", read)
    first["ids"].append(4)  # a caller's change to its copy is its own
    assert cached_for_tree("answer", read) == {"ids": [1, 2, 3]}
    assert cached_for_tree("answer", read) is not cached_for_tree("answer", read)
    assert (len(reads), len(value_gets)) == (1, 1)  # read once, asked of the shared cache once
    visibility.kept_here.clear()  # as in another process: the shared cache answers
    assert cached_for_tree("answer", read) == {"ids": [1, 2, 3]} and (len(reads), len(value_gets)) == (1, 2)
    forget_tree()  # a change of the tree, in any process, is a new generation: read again
    assert cached_for_tree("answer", read) == {"ids": [1, 2, 3]} and len(reads) == 2
    # A value that lives shorter than the tree (it depends on time) is asked of the shared cache each time.
    cached_for_tree("answer-short", read, seconds=30)
    value_gets.clear()
    cached_for_tree("answer-short", read, seconds=30)
    assert len(value_gets) == 1 and len(reads) == 3


def test_a_copy_of_an_older_generation_is_never_given_for_a_newer_one(demo):
    from dateline.news.visibility import _MISSING, kept_here

    kept_here.set("new", "answer", ["new"], 300)
    assert kept_here.get("new", "answer") == ["new"]
    kept_here.set("old", "answer", ["old"], 300)  # a request from before the change stores late
    assert kept_here.get("old", "answer") == ["old"]
    assert kept_here.get("new", "answer") is _MISSING  # read again from the shared cache
    kept_here.set("new", "answer", ["new"], -1)  # expired
    assert kept_here.get("new", "answer") is _MISSING
