"""The importer faults of issue 11, each pinned: zones, dates, encodings, dedupe, titles, language, lead, byline."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from dateline.news.models import ArticlePage
from dateline.wire.desk import DUPLICATE, NEW, receive
from dateline.wire.models import InboxItem
from dateline.wire.richtext import html_to_text
from dateline.wire.sources import read_source
from dateline.wire.sources.tidy import clean_byline, normalise_guid
from dateline.wire.sources.wiredates import AMBIGUOUS_ZONES, ZONE_ABBREVIATIONS, parse_wire_date

from .samples import EN_PARAGRAPHS, RU_PARAGRAPHS, article_page, paragraphs_html, rss_feed


def write(tmp_path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def one_item(tmp_path, pub_date: str, **kwargs):
    feed = rss_feed([{"title": "T", "guid": "g1", "description": EN_PARAGRAPHS[0], "pubDate": pub_date}], **kwargs)
    [item] = read_source(write(tmp_path, "feed.xml", feed)).items
    return item


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Wed, 29 Jun 2016 08:57:00 MSK", datetime(2016, 6, 29, 5, 57, tzinfo=UTC)),
        ("Wed, 29 Jun 2016 08:57:00 CEST", datetime(2016, 6, 29, 6, 57, tzinfo=UTC)),
        ("Wed, 29 Jun 2016 08:57:00 EST", datetime(2016, 6, 29, 13, 57, tzinfo=UTC)),
        ("Wed, 29 Jun 2016 08:57:00 GMT", datetime(2016, 6, 29, 8, 57, tzinfo=UTC)),
        ("Wed, 29 Jun 2016 08:57:00 +0300", datetime(2016, 6, 29, 5, 57, tzinfo=UTC)),
    ],
)
def test_zone_abbreviations_are_read_through_the_table(tmp_path, value, expected):
    item = one_item(tmp_path, value)
    assert item.published_at == expected and item.date_problem == ""


def test_the_zone_table_has_no_ambiguous_abbreviation():
    assert not set(ZONE_ABBREVIATIONS) & set(AMBIGUOUS_ZONES)
    assert {"IST", "CST", "BST"} <= set(AMBIGUOUS_ZONES)


def test_ambiguous_zone_is_refused_with_a_warning(tmp_path):
    item = one_item(tmp_path, "Wed, 29 Jun 2016 08:57:00 IST")
    assert item.published_at is None
    assert "ambiguous time-zone abbreviation IST" in item.date_problem


def test_slashed_date_is_not_misread(tmp_path):
    item = one_item(tmp_path, "2016/6/29 15:07:41")  # was 1 December 2016
    assert item.published_at.date() == datetime(2016, 6, 29).date()
    assert "no time zone" in item.date_problem  # read in the agency's zone, and said so


@pytest.mark.parametrize("value", ["29 de junho de 2016 15:07", "quarta-feira, 29 jun. 2016", "yesterday"])
def test_unparseable_dates_are_flagged_never_now(tmp_path, value):
    item = one_item(tmp_path, value)
    assert item.published_at is None
    assert item.date_problem.startswith("unparseable date")


def test_import_keeps_an_undated_item_a_draft_with_a_warning(demo, tmp_path):
    feed = rss_feed(
        [
            {
                "title": "Old story",
                "guid": "old-1",
                "description": paragraphs_html(EN_PARAGRAPHS),
                "pubDate": "29.13.2016",
            }
        ]
    )
    path = write(tmp_path, "feed.xml", feed)
    out = io.StringIO()
    call_command("ingest_wire", path, "--section", "news", "--publish", stdout=out)
    lines = out.getvalue().splitlines()
    assert any("warning: impossible date" in line for line in lines)
    assert any("kept as a draft" in line for line in lines)
    article = ArticlePage.objects.get(wire_id="old-1")
    assert not article.live  # never on the edition home dated "now"
    assert InboxItem.objects.get(guid="old-1").date_problem.startswith("impossible date")


def test_parse_wire_date_forms():
    assert parse_wire_date("20170102T222800+0000").value == datetime(2017, 1, 2, 22, 28, tzinfo=UTC)
    assert parse_wire_date("2017-01-31T03:47:29.000Z").value == datetime(2017, 1, 31, 3, 47, 29, tzinfo=UTC)
    reading = parse_wire_date("29.06.2016 15:07", "Europe/Moscow")
    assert reading.value == datetime(2016, 6, 29, 12, 7, tzinfo=UTC) and "no time zone" in reading.problem
    assert parse_wire_date("Sat, Dec 16 2023 02:02:33 PM EST").value == datetime(2023, 12, 16, 19, 2, 33, tzinfo=UTC)
    assert parse_wire_date("").value is None and parse_wire_date("").problem == ""


@pytest.mark.parametrize("label", ["cp-1251", "windows-1251", "win-1251", "CP1251"])
def test_declared_cyrillic_aliases(tmp_path, label):
    feed = rss_feed([{"title": "Президент", "guid": "x1", "description": RU_PARAGRAPHS[0]}], encoding=label)
    reading = read_source(write(tmp_path, "feed.xml", feed.encode("cp1251")))
    [item] = reading.items
    assert item.title == "Президент"  # not "Ïðåçèäåíò"
    assert RU_PARAGRAPHS[0] in html_to_text(item.body_html)


def test_declared_koi8_r(tmp_path):
    feed = rss_feed([{"title": "Президент", "guid": "x1", "description": RU_PARAGRAPHS[0]}], encoding="koi8-r")
    [item] = read_source(write(tmp_path, "feed.xml", feed.encode("koi8_r"))).items
    assert item.title == "Президент"


def test_undeclared_latin_1_is_settled_by_the_declared_language(tmp_path):
    text = "As simulações de preços do governo são revistas todos os meses pelo ministério da economia."
    feed = rss_feed([{"title": "Simulações", "guid": "p1", "description": text}], language="pt-BR")
    reading = read_source(write(tmp_path, "feed.xml", feed.encode("latin-1")))
    [item] = reading.items
    assert item.title == "Simulações" and "simulações" in html_to_text(item.body_html)  # not "simulaēões"
    assert any("cp1252" in warning and "language pt" in warning for warning in reading.warnings)


def test_undeclared_latin_1_is_settled_by_the_source_language(tmp_path):
    text = "As simulações de preços do governo são revistas todos os meses pelo ministério da economia."
    feed = rss_feed([{"title": "Simulações", "guid": "p1", "description": text}], language=None)
    [item] = read_source(write(tmp_path, "feed.xml", feed.encode("latin-1")), language="pt").items
    assert item.title == "Simulações"


def test_entity_encoded_title_is_kept_as_text(tmp_path):
    feed = rss_feed([{"title": "M&amp;A wave &lt;analysis&gt;", "guid": "m1", "description": EN_PARAGRAPHS[0]}])
    [item] = read_source(write(tmp_path, "feed.xml", feed)).items
    assert item.title == "M&A wave <analysis>"


def test_feed_language_is_used_when_detection_fails(tmp_path):
    feed = rss_feed([{"title": "Ciao", "guid": "i1", "description": "Roma, oggi."}], language="IT-it")
    [item] = read_source(write(tmp_path, "feed.xml", feed)).items
    assert item.language == "it"


def test_source_language_is_used_when_the_feed_says_nothing(tmp_path):
    feed = rss_feed([{"title": "Ciao", "guid": "i1", "description": "Roma, oggi."}], language=None)
    path = write(tmp_path, "feed.xml", feed)
    assert read_source(path).items[0].language == ""
    assert read_source(path, language="ru").items[0].language == "ru"


def test_lead_repeating_the_first_paragraph_is_kept_once(tmp_path):
    feed = rss_feed(
        [{"title": "T", "guid": "l1", "description": EN_PARAGRAPHS[0], "content": paragraphs_html(EN_PARAGRAPHS)}]
    )
    [item] = read_source(write(tmp_path, "feed.xml", feed)).items
    text = html_to_text(item.body_html)
    assert item.lead == EN_PARAGRAPHS[0]
    assert EN_PARAGRAPHS[0] not in text and text.startswith(EN_PARAGRAPHS[1])


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Jeffrey Gettleman; JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        ("Авторы Дмитрий Попов", "Дмитрий Попов"),
        ("By BERNARD CONDON, AP Business Writer", "Bernard Condon"),
        ("Автор: Иван Петров", "Иван Петров"),
        ("By Jane Roe and John Doe", "Jane Roe, John Doe"),
        ("Фото из Инстаграма Лукаша Подольски", ""),
        ("  ", ""),
    ],
)
def test_bylines_are_cleaned(raw, clean):
    assert clean_byline(raw) == clean


def test_guid_normalisation():
    assert normalise_guid("http://www.Example.com/a/") == normalise_guid("https://example.com/a")
    assert normalise_guid("urn:newsml:x:1") == "urn:newsml:x:1"


def test_changed_guid_scheme_and_corrected_title_are_one_item(db, tmp_path):
    first = rss_feed(
        [{"title": "Budget aproved", "guid": "http://wire.example.org/a/1/", "description": EN_PARAGRAPHS[0]}]
    )
    second = rss_feed(
        [{"title": "Budget approved", "guid": "https://wire.example.org/a/1", "description": EN_PARAGRAPHS[0]}]
    )
    [a] = read_source(write(tmp_path, "1.xml", first)).items
    [b] = read_source(write(tmp_path, "2.xml", second)).items
    assert receive(a).status == NEW
    again = receive(b)
    assert again.status == DUPLICATE and again.reason == "already received (same guid)"
    assert InboxItem.objects.count() == 1


def test_same_page_at_another_path_is_one_item(db, tmp_path):
    html = article_page(canonical=None)
    [a] = read_source(write(tmp_path, "one.html", html)).items
    other = tmp_path / "copy"
    other.mkdir()
    [b] = read_source(write(other, "two.html", html)).items
    assert a.guid != b.guid
    assert receive(a).status == NEW
    assert receive(b).reason == "already received (same text)"


def test_russian_page_is_credited(demo, tmp_path):
    page = article_page(
        title="Совет утвердил бюджет транспорта",
        paragraphs=RU_PARAGRAPHS,
        lang="ru",
        canonical="https://novosti.example.ru/2024/05/byudzhet",
        site_name="Пример Новости",
    )
    call_command("ingest_wire", write(tmp_path, "ru.html", page), "--section", "news", stdout=io.StringIO())
    article = ArticlePage.objects.get(wire_id="https://novosti.example.ru/2024/05/byudzhet")
    assert article.locale.language_code == "ru"
    assert article.source_agency.name == "Пример Новости"
    assert article.source_url == "https://novosti.example.ru/2024/05/byudzhet"
