"""The ``dateline import`` command and ``import_item``: routing, drafts, publishing, dedup, failures."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from dateline.news.models import ArticlePage, SectionPage, SourceAgency
from dateline.wire.actions import IMPORTED, SKIPPED, import_item
from dateline.wire.sources import WireItem

from .samples import DE_PARAGRAPHS, EN_PARAGRAPHS, RU_PARAGRAPHS, article_page, paragraphs_html, rss_feed


def run(*args) -> tuple[int, list[str]]:
    """Run the command; return (exit status, output lines)."""
    out = io.StringIO()
    try:
        call_command("ingest_wire", *args, stdout=out)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue().splitlines()


@pytest.fixture
def pages(tmp_path):
    """Three pages: English, Russian (no lang attribute), German."""
    files = {
        "en": article_page(),
        "ru": article_page(
            title="Совет утвердил бюджет транспорта",
            paragraphs=RU_PARAGRAPHS,
            lang=None,
            canonical="https://novosti.example.ru/2024/05/byudzhet",
            site_name="Пример Новости",
        ),
        "de": article_page(
            title="Stadtrat beschließt Verkehrshaushalt",
            paragraphs=DE_PARAGRAPHS,
            lang="de",
            canonical="https://nachrichten.example.de/2024/05/haushalt",
        ),
    }
    paths = {}
    for language, html in files.items():
        path = tmp_path / f"{language}.html"
        path.write_text(html, encoding="utf-8")
        paths[language] = str(path)
    return paths


def imported(language: str):
    return ArticlePage.objects.filter(locale__language_code=language).exclude(wire_id="")


def test_languages_are_routed_to_their_editions_and_others_skipped(demo, pages):
    status, lines = run(pages["en"], pages["ru"], pages["de"], "--section", "news")
    assert status == 0
    assert lines[-1] == "Imported 2, skipped 1, failed 0."
    assert f"{pages['de']}: skipped: language de has no edition (use --locale)" in lines
    [en] = imported("en")
    [ru] = imported("ru")
    assert en.title == "Council approves transport budget"
    assert en.get_parent().specific == SectionPage.objects.get(locale__language_code="en", slug="news")
    assert ru.title == "Совет утвердил бюджет транспорта"
    assert ru.slug == "sovet-utverdil-byudzhet-transporta"
    assert ru.get_parent().locale.language_code == "ru"
    assert ru.source_agency.name == "Пример Новости" and ru.source_agency.locale == ru.locale
    assert en.source_url == en.wire_id == "https://news.example.com/2024/05/transport-budget"
    assert en.byline == "Jane Roe"


def test_locale_option_sends_everything_to_that_edition(demo, pages):
    status, lines = run(pages["de"], pages["ru"], "--section", "News", "--locale", "en")
    assert status == 0 and lines[-1] == "Imported 2, skipped 0, failed 0."
    assert {a.title for a in imported("en")} == {
        "Stadtrat beschließt Verkehrshaushalt",
        "Совет утвердил бюджет транспорта",
    }
    assert not imported("ru").exists()


def test_draft_by_default_with_a_revision(demo, pages):
    run(pages["en"], "--section", "news")
    [article] = imported("en")
    assert not article.live and article.has_unpublished_changes
    assert article.latest_revision is not None
    assert article.latest_revision.as_object().title == article.title


def test_publish_uses_the_item_date_and_agency_zone(demo, pages, settings):
    settings.DATELINE_TIME_ZONE = "Europe/Moscow"
    run(pages["en"], "--section", "news", "--publish")
    [article] = imported("en")
    assert article.live and not article.has_unpublished_changes
    assert article.published_at == datetime(2024, 5, 14, 7, 30, tzinfo=UTC)
    assert article.time_zone == "Europe/Moscow"


def test_second_run_imports_nothing(demo, pages):
    run(pages["en"], pages["ru"], "--section", "news")
    status, lines = run(pages["en"], pages["ru"], "--section", "news")
    assert status == 0
    assert lines[-1] == "Imported 0, skipped 2, failed 0."
    assert f"{pages['en']}: skipped: already imported" in lines
    assert ArticlePage.objects.exclude(wire_id="").count() == 2


def test_failures_are_reported_and_the_batch_goes_on(demo, pages, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x', encoding="utf-8")
    missing = str(tmp_path / "missing.html")
    status, lines = run(missing, str(broken), pages["en"], "--section", "news")
    assert status == 1
    assert f"{missing}: failed: file not found" in lines
    assert any(line.startswith(f"{broken}: failed: feed does not parse: ") for line in lines)
    assert lines[-1] == "Imported 1, skipped 0, failed 2."
    assert imported("en").count() == 1


def test_feed_items_without_text_are_skipped_and_agency_reused(demo, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        rss_feed(
            [
                {"title": "Budget approved", "guid": "w-1", "content": paragraphs_html(EN_PARAGRAPHS)},
                {"title": "Budget approved", "guid": "w-2", "description": EN_PARAGRAPHS[2]},
                {"title": "Headline only", "guid": "w-3"},
            ]
        ),
        encoding="utf-8",
    )
    status, lines = run(str(feed), "--section", "news")
    assert status == 0 and lines[-1] == "Imported 2, skipped 1, failed 0."
    assert f"{feed} » “Headline only”: skipped: no article text" in lines
    articles = list(imported("en").order_by("pk"))
    assert [a.slug for a in articles] == ["budget-approved", "budget-approved-2"]
    assert {a.source_agency_id for a in articles} == {
        SourceAgency.objects.get(name="Example Wire", locale__language_code="en").pk
    }


def test_unknown_section_is_an_error_before_anything_is_read(demo, pages):
    with pytest.raises(CommandError, match="has a section “sport”"):
        call_command("ingest_wire", pages["en"], "--section", "sport", stdout=io.StringIO())
    with pytest.raises(CommandError, match="There is no locale “de”"):
        call_command("ingest_wire", pages["en"], "--section", "news", "--locale", "de", stdout=io.StringIO())
    assert not ArticlePage.objects.exclude(wire_id="").exists()


def test_import_item_skips_duplicates_across_editions(demo):
    item = WireItem(
        title="Budget approved",
        body_html=paragraphs_html(EN_PARAGRAPHS),
        lead="",
        published_at=None,
        author="",
        url="https://wire.example.org/a/1",
        guid="urn:wire:1",
        language="en",
        source_name="",
    )
    en = SectionPage.objects.get(locale__language_code="en", slug="news")
    ru = SectionPage.objects.get(locale__language_code="ru", slug="news")
    first = import_item(item, en)
    assert first.status == IMPORTED and first.article.source_agency is None
    again = import_item(item, ru)
    assert (again.status, again.reason, again.article.pk) == (SKIPPED, "already imported", first.article.pk)
    same_link = WireItem(**{**item.__dict__, "guid": "urn:other"})
    assert import_item(same_link, en).reason == "already imported"  # same original URL
