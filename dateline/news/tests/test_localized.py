"""``EditionPage.localized``: Wagtail's answer (the live translation in the active language, else the
edition itself) from the page tree cache, without the locale and translation queries routing made on every
request."""

import pytest
from django.utils import translation

from dateline.news.models import EditionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(demo):
    return {edition.locale.language_code: edition for edition in EditionPage.objects.select_related("locale")}


def wagtails_answer(edition):
    """What Wagtail's own ``TranslatableMixin.localized`` answers (with its queries)."""
    return super(EditionPage, edition).localized


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_edition_in_the_active_language_as_wagtail_finds_it(editions, language, django_assert_num_queries):
    root = editions["en"]
    with translation.override(language):
        assert root.localized == wagtails_answer(root) == editions[language]
        with django_assert_num_queries(0):  # the live editions are kept until the page tree changes
            assert root.localized.pk == editions[language].pk


def test_a_draft_translation_gives_the_edition_itself_as_wagtail_does(editions):
    editions["ru"].unpublish()
    root = EditionPage.objects.get(pk=editions["en"].pk)
    with translation.override("ru"):
        assert root.localized == wagtails_answer(root) == root


def test_a_language_without_an_edition_gives_wagtails_answer(editions, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("de", "Deutsch")]
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    root = editions["ru"]
    with translation.override("de"):
        assert root.localized == wagtails_answer(root)


def test_an_untranslated_page_links_to_the_other_edition_from_the_kept_editions(
    en_article, ru_article, editions, django_assert_num_queries
):
    ru_article.unpublish()
    article = type(en_article).objects.get(pk=en_article.pk)
    article.get_translation_link()  # the kept editions are read once after the tree changed
    article = type(en_article).objects.get(pk=en_article.pk)
    with django_assert_num_queries(1):  # the article's live versions only
        assert article.get_translation_link() == ("ru", "Русский", editions["ru"].get_url())
