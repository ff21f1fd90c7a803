"""An editor's *Translate* action makes a marked translation pointing at its own edition's dossier."""

from wagtail.models import Locale

from dateline.news.models import ArticlePage


def test_translating_an_article_marks_it_and_uses_the_edition_dossier_and_agency(en_article, ru_article):
    ru_dossier, ru_agency = ru_article.dossier, ru_article.source_agency
    ru_article.delete()
    russian = Locale.objects.get(language_code="ru")
    copy = en_article.copy_for_translation(russian)
    copy = ArticlePage.objects.get(pk=copy.pk)
    assert copy.translation_key == en_article.translation_key
    assert copy.translated_from.language_code == "en"
    assert copy.dossier == ru_dossier
    assert copy.source_agency == ru_agency
    draft = copy.get_latest_revision_as_object()
    assert (draft.translated_from_id, draft.dossier_id) == (en_article.locale_id, ru_dossier.pk)


def test_a_missing_dossier_translation_leaves_the_copy_without_one(en_article, ru_article):
    ru_article.dossier.delete()
    ru_article.delete()
    copy = en_article.copy_for_translation(Locale.objects.get(language_code="ru"))
    assert ArticlePage.objects.get(pk=copy.pk).dossier is None
