"""Lists read what they show in one query each and then answer from memory exactly what each page would
have read on its own: articles' tags and corrections, and pages of every type with Wagtail's page fields."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from dateline.news.models import (
    PAGE_LINK_FIELDS,
    ArticleCorrection,
    ArticlePage,
    NewsPage,
    attach_corrections,
    attach_tags,
    pages_with_page_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_articles(en_article):
    """The reference article (tags and a correction added) and two more of its section, one untagged."""
    section = en_article.get_parent()
    now = timezone.now()
    page = en_article.get_latest_revision_as_object()
    page.corrections.add(ArticleCorrection(kind="update", text="Later note.", noted_at=now))
    earlier = now - datetime.timedelta(hours=1)
    page.corrections.add(ArticleCorrection(kind="correction", text="Earlier note.", noted_at=earlier))
    page.save_revision().publish()
    articles = [ArticlePage.objects.get(pk=en_article.pk)]
    for number, tags in ((1, ["zebra", "aardvark"]), (2, [])):
        article = ArticlePage(title=f"Story {number}", body="<p>Text.</p>", locale=en_article.locale, live=False)
        section.add_child(instance=article)
        if tags:
            article.tags.add(*tags)
        article.save_revision().publish()
        articles.append(ArticlePage.objects.get(pk=article.pk))
    return articles


def test_attached_tags_are_each_articles_own(three_articles):
    alone = {}
    for article in three_articles:
        alone[article.pk] = [tag.name for tag in ArticlePage.objects.get(pk=article.pk).tags.all()]
    assert alone[three_articles[1].pk] and not alone[three_articles[2].pk]
    with CaptureQueriesContext(connection) as queries:
        attach_tags(three_articles)
        attached = {article.pk: [tag.name for tag in article.tags.all()] for article in three_articles}
    assert len(queries) == 1
    assert {pk: sorted(names) for pk, names in attached.items()} == {pk: sorted(names) for pk, names in alone.items()}


def test_attached_corrections_are_the_public_ones_oldest_first(three_articles):
    alone = [note.text for note in ArticlePage.objects.get(pk=three_articles[0].pk).public_corrections()]
    assert alone == ["Earlier note.", "Later note."]
    with CaptureQueriesContext(connection) as queries:
        attach_corrections(three_articles)
        attached = [[note.text for note in article.public_corrections()] for article in three_articles]
    assert len(queries) == 1
    assert attached == [alone, [], []]


def test_attaching_to_nothing_reads_nothing():
    with CaptureQueriesContext(connection) as queries:
        attach_tags([])
        attach_corrections([])
    assert len(queries) == 0


def test_pages_with_page_fields_are_their_specific_pages_in_one_query(demo):
    pages = Page.objects.filter(depth__gt=1).order_by("path")
    expected = [page.specific for page in pages]
    assert {type(page).__name__ for page in expected} >= {"EditionPage", "SectionPage", "ArticlePage"}
    names = [field.attname for field in Page._meta.concrete_fields]
    with CaptureQueriesContext(connection) as queries:
        found = pages_with_page_fields(pages, with_locale=True)
        seen = [(type(page), [getattr(page, name) for name in names], page.locale.language_code) for page in found]
        urls = [page.get_url() for page in found]
    assert len(queries) == 1
    assert seen == [
        (type(page), [getattr(page, name) for name in names], page.locale.language_code) for page in expected
    ]
    assert urls == [page.get_url() for page in expected]
    article = next(page for page in found if isinstance(page, ArticlePage))
    assert article.pk == article.page_ptr_id
    with CaptureQueriesContext(connection) as queries:
        assert article.body == ArticlePage.objects.get(pk=article.pk).body  # a specific field: read when asked
    assert len(queries) == 2


def test_page_link_fields_of_a_list_build_each_page_once(demo):
    """A listed page is its own hreflang version: the versions' query gives it back, not a copy, and the
    versions and the fields built through ``from_db``'s row layout are those of each page read alone."""
    pages = pages_with_page_fields(
        Page.objects.filter(depth__gt=2).order_by("path"), with_locale=True, fields=PAGE_LINK_FIELDS
    )
    NewsPage.attach_live_versions(pages)
    translated = [page for page in pages if len(page.live_versions) > 1]
    assert translated, "the demo has translated pages"
    for page in pages:
        assert any(version is page for version in page.live_versions)
        alone = Page.objects.get(pk=page.pk).specific
        assert [(v.pk, v.locale.language_code, v.url_path) for v in page.live_versions] == [
            (v.pk, v.locale.language_code, v.url_path) for v in alone.live_versions
        ]
        assert [getattr(page, name) for name in PAGE_LINK_FIELDS] == [getattr(alone, name) for name in PAGE_LINK_FIELDS]
