"""Russian (and English) word forms on every database: Snowball stems at index and query time on SQLite."""

import pytest
from django.db import connection

from .conftest import on, publish_article

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index stores Snowball stems")


@pytest.fixture
def geneva(editions):
    _, ru_news, _ = editions["ru"]
    _, en_news, _ = editions["en"]
    return {
        "ru": publish_article(
            ru_news,
            "Консультации в Женеве завершились",
            "Стороны встретились в Женеве и говорили по договору о ракетах. Объём работы ещё большой.",
            on("2024-07-01"),
        ),
        "en": publish_article(
            en_news, "Consultations end", "Delegations were signing the treaties in Geneva.", on("2024-07-01")
        ),
    }


def test_stem_word_folds_case_yo_and_forms():
    from dateline.search.stemming import stem_text, stem_word

    assert stem_word("Женева", "ru") == stem_word("Женеве", "ru") == stem_word("ЖЕНЕВУ", "ru")
    assert stem_word("договор", "ru") == stem_word("договору", "ru") == stem_word("договорам", "ru")
    assert stem_word("ёлка", "ru") == stem_word("елку", "ru")
    assert stem_word("treaties", "en") == stem_word("treaty", "en")
    # A Cyrillic word in the English edition still gets the Russian stemmer; a Latin word in the Russian one English
    assert stem_word("договору", "en") == stem_word("договор", "ru")
    assert stem_word("signing", "ru") == stem_word("signed", "en")
    assert stem_text("В Женеве, по договору!", "ru") == "в женев по договор"


@pytest.mark.parametrize(
    "query",
    ["Женева", "женеву", "Женеве", "договор", "договора", "ДОГОВОРУ", "объём", "объем", "работа договор"],
)
def test_russian_word_forms_find_the_article(geneva, get_search, query):
    assert geneva["ru"].title in get_search("ru", q=query).titles


@pytest.mark.parametrize("query", ["treaty", "sign", "signed", "geneva"])
def test_english_word_forms_find_the_article(geneva, get_search, query):
    assert geneva["en"].title in get_search("en", q=query).titles


def test_unrelated_words_do_not_match(geneva, get_search):
    assert geneva["ru"].title not in get_search("ru", q="Женевское озеро").titles  # all words must occur
    assert geneva["en"].title not in get_search("en", q="signature").titles


@sqlite_only
def test_sqlite_index_holds_stems_and_autocomplete_keeps_the_headline(geneva):
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(geneva["ru"].pk), content_type__model="articlepage")
    assert "женев" in entry.title.split() and "женеве" not in entry.title.split()
    assert "договор" in entry.body.split()
    assert entry.autocomplete.startswith("Консультации в Женеве")  # the admin's prefix search needs the words


@sqlite_only
def test_query_is_stemmed_with_the_editions_language(settings):
    from dateline.search.backend import backend_for_language

    assert backend_for_language("ru").language == "ru"
    assert backend_for_language("en").language == "en"


def test_punctuation_only_query_through_the_backend_finds_nothing(geneva):
    from dateline.news.models import ArticlePage
    from dateline.search.backend import backend_for_language

    assert list(backend_for_language("ru").search("!!! ...", ArticlePage.objects.live())) == []


@sqlite_only
def test_migration_restems_existing_entries(geneva):
    """Entries indexed before the stemming backend (raw text) are rewritten as stems by migration 0002."""
    import importlib
    from types import SimpleNamespace

    from django.db import connection as conn
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(geneva["ru"].pk), content_type__model="articlepage")
    IndexEntry.objects.filter(pk=entry.pk).update(title="Консультации в Женеве завершились", body="по договору")
    migration = importlib.import_module("dateline.search.migrations.0002_sqlite_snowball_stems")
    migration.forward(None, SimpleNamespace(connection=conn))  # the migration only uses the editor's connection
    entry.refresh_from_db()
    assert entry.title == "консультац в женев заверш"
    assert entry.body == "по договор"
