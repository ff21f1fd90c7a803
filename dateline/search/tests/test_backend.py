"""The search backend: per-locale configurations on PostgreSQL, index rebuilds on every database."""

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL text search configurations")


@postgres_only
def test_each_edition_is_queried_with_its_configuration(settings):
    from dateline.search.backend import backend_for_language

    assert backend_for_language("en").config == "english"
    assert backend_for_language("ru").config == "russian"


@postgres_only
def test_articles_are_indexed_with_their_locale_configuration(articles):
    from wagtail.search.models import IndexEntry

    def lexemes(article):
        entry = IndexEntry.objects.get(object_id=str(article.pk), content_type__model="articlepage")
        return f"{entry.title} {entry.body}"

    assert "'café'" in lexemes(articles["cafes"])  # english: "cafés" stemmed to "café"
    assert "'договор'" in lexemes(articles["dogovore"])  # russian: «договоре» stemmed to «договор»


def test_update_index_rebuilds_with_locale_configurations(articles, get_search):
    call_command("update_index", verbosity=0)
    assert articles["cafes"].title in get_search("en", q="café").titles
    assert articles["dogovora"].title in get_search("ru", q="договоре").titles


def test_update_index_keeps_search_working(articles, get_search):
    call_command("update_index", verbosity=0)
    assert articles["montreux_title"].title in get_search("en", q="treaties").titles
    assert articles["yolka"].title in get_search("ru", q="елка").titles


def test_yo_folded_copy_is_indexed_only_for_texts_with_yo(articles):
    assert articles["yolka"].search_text_yo_folded().startswith("Елка на Красной площади")
    assert articles["dogovore"].search_text_yo_folded() == ""


def test_wagtail_admin_search_still_works(articles, admin_client):
    """The admin's page search (Wagtail's autocomplete: headline prefixes) runs on the same backend."""
    for query, article in [("Montre", "montreux_title"), ("Ёлк", "yolka"), ("Переговоры", "dogovore")]:
        response = admin_client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        assert articles[article].title in response.content.decode(), query
