"""Page URLs worked out once per parent (``NewsPage.get_url_parts`` with a request) equal Wagtail's own."""

from __future__ import annotations

import pytest
from django.utils import translation
from wagtail.models import Page

from dateline.news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def wagtail_parts(page, request):
    return Page.get_url_parts(page, request)


def test_every_page_url_equals_wagtails_in_both_languages(demo, rf):
    for language, count in (("en", 8), ("ru", 5)):
        section = SectionPage.objects.live().filter(locale__language_code=language).first()
        for n in range(count):
            section.add_child(instance=ArticlePage(title=f"Story {n}", slug=f"story-{n}", body="<p>x</p>", live=True))
    section = SectionPage.objects.live().filter(locale__language_code="en").first()
    odd = ArticlePage(title="Odd slug", slug="odd_slug-2024", body="<p>x</p>", locale=section.locale)
    section.add_child(instance=odd)
    pages = [page.specific for page in Page.objects.filter(depth__gt=1).order_by("path")]
    assert sum(isinstance(page, ArticlePage) for page in pages) > 14
    for language in ("en", "ru"):
        request = rf.get("/")
        with translation.override(language):
            for page in pages:
                expected = wagtail_parts(page, rf.get("/"))
                assert page.get_url_parts(request) == expected, page.url_path
                assert page.get_full_url(request) == page.get_full_url(None)
    memo = request._dateline_url_parts
    assert any(key[0] == "children" for key in memo)  # siblings were derived, not reversed


def test_a_renamed_parent_gives_its_children_new_urls_in_the_same_request(demo, rf):
    section = SectionPage.objects.live().filter(locale__language_code="en").first()
    article = ArticlePage.objects.child_of(section).live().first()
    request = rf.get("/")
    before = article.get_url(request)
    section.slug = "renamed-section"
    section.save_revision().publish()
    article = Page.objects.get(pk=article.pk).specific
    after = article.get_url(request)
    assert before != after and "/renamed-section/" in after
    assert after == Page.get_url(article, rf.get("/"))
