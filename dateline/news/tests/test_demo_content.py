"""The demo content: the reference article in both editions, loaded once."""

from dateline.news.demo_content import load_demo_content
from dateline.news.models import ArticlePage, DossierPage, SourceAgency


def test_second_load_adds_nothing(demo):
    counts = (ArticlePage.objects.count(), DossierPage.objects.count(), SourceAgency.objects.count())
    report = load_demo_content()
    assert report.created == []
    assert (ArticlePage.objects.count(), DossierPage.objects.count(), SourceAgency.objects.count()) == counts


def test_russian_article_is_a_translation_of_the_english_one(en_article, ru_article):
    assert ru_article.translation_key == en_article.translation_key
    assert ru_article.translated_from.language_code == "en"
    assert en_article.translated_from is None
    assert ru_article.dossier.locale.language_code == "ru"
    assert en_article.source_agency.name == "TASS"
    assert ru_article.source_agency.name == "ТАСС"


def test_russian_slug_is_transliterated(ru_article):
    assert ru_article.slug.startswith("rossiya-gotova")
