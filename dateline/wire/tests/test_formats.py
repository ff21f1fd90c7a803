"""Agency formats: NewsML-G2 (newsItem, newsMessage), NITF 3.x, ninjs 1.x/2.x/3.x, on our own documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dateline.wire.richtext import html_to_text
from dateline.wire.sources import SourceError, read_source

DOCUMENTS = Path(__file__).parent / "documents"


def read(name: str):
    reading = read_source(str(DOCUMENTS / name))
    return reading


def test_newsml_g2_single_news_item():
    reading = read("g2_newsitem.xml")
    assert reading.kind == "newsml"
    [item] = reading.items
    assert item.format == "newsml-g2"
    assert item.title == "Council approves transport budget"
    assert item.subheadline == "Three tram lines and forty electric buses"
    assert item.lead == "The city council approved the new budget for public transport on Tuesday."
    text = html_to_text(item.body_html)
    assert text.startswith("The plan adds three tram lines")  # the lead is not repeated by the body
    assert "wide margin" in text
    assert item.author == "Jane Roe"  # "By JANE ROE" cleaned
    assert item.dateline_place == "Brussels"
    assert item.first_created == datetime(2024, 5, 14, 7, 30, tzinfo=UTC)
    assert item.published_at == datetime(2024, 5, 14, 7, 45, tzinfo=UTC)  # versionCreated
    assert item.urgency == 2
    assert item.subjects == ["public transport", "budget"]  # names in the item's language
    assert item.language == "en"
    assert item.rights == "Copyright 2024 Dateline Test Wire For the tests of Dateline only."
    assert item.guid == "urn:newsml:dateline.test:20240514:transport-budget"
    assert item.version == 2
    assert item.date_problem == ""


def test_newsml_g2_news_message_with_an_alias_encoding_and_a_picture():
    reading = read("g2_newsmessage_cp1251.xml")
    [item] = reading.items  # the picture item is not a story: it is the story's lead image
    assert item.title == "Президент одобрил бюджет общественного транспорта"
    assert item.author == "Дмитрий Попов"
    assert item.dateline_place == "Москва"
    assert item.urgency == 4 and item.language == "ru" and item.version == 1
    assert item.published_at == datetime(2024, 5, 14, 6, 57, tzinfo=UTC)
    assert item.image_url == "https://photos.dateline.test/tram.jpg"
    assert item.image_credit == "Фото: Иван Петров"
    assert "трамвайные линии" in html_to_text(item.body_html)
    assert item.source_name == "Тестовое агентство"


def test_nitf_story_in_iso_8859_1():
    [item] = read("nitf_iso8859-1.xml").items
    assert item.format == "nitf"
    assert item.title == "Simulações de preços mostram alta"
    assert item.subheadline == "Governo revisa as previsões"
    assert item.lead == "As simulações de preços do governo mostram alta de dois por cento."
    text = html_to_text(item.body_html)
    assert text.startswith("O ministério disse")  # lead kept once
    assert "Mercado em São Paulo" not in text  # a media caption is not body text
    assert "inflação estável" in text
    assert item.author == "Maria Silva"  # "Por MARIA SILVA", job title left out
    assert item.dateline_place == "São Paulo"
    assert item.first_created == datetime(2024, 5, 14, 11, 30, tzinfo=UTC)
    assert item.published_at == datetime(2024, 5, 14, 12, 0, tzinfo=UTC)
    assert item.urgency == 3 and item.language == "pt"
    assert item.subjects == ["Economia", "preços"]
    assert item.rights == "© 2024 Dateline Test Wire"
    assert item.guid == "nitf:DTW:2024-0514-0042"
    assert item.image_url == "https://photos.dateline.test/precos.jpg"
    assert item.image_credit == "Foto: João Souza"


def test_ninjs_1():
    [item] = read("ninjs_1.json").items
    assert (item.format, item.title, item.author, item.dateline_place) == (
        "ninjs",
        "Harbour reopens after storm",
        "John Doe",
        "Portsmouth",
    )
    assert item.lead == "The harbour reopened on Tuesday after two days of storm."
    assert html_to_text(item.body_html).startswith("Ferries resumed")
    assert item.first_created == datetime(2024, 5, 14, 9, 0, tzinfo=UTC)
    assert item.published_at == datetime(2024, 5, 14, 10, 5, tzinfo=UTC)
    assert (item.urgency, item.version, item.language) == (5, 3, "en")
    assert item.subjects == ["environment"]
    assert item.rights == "Copyright 2024 Dateline Test Wire Tests only."
    assert item.url == item.guid == "http://wire.dateline.test/items/ninjs-1"
    assert item.image_url == "https://photos.dateline.test/harbour.jpg"  # the largest rendition
    assert item.image_credit == "Photo: Ann Smith"


def test_ninjs_2_in_an_api_page():
    [item] = read("ninjs_2.json").items
    assert item.title == "Wind farm approved off the coast"
    assert item.subheadline == "Forty turbines by 2027"
    assert item.lead == "Regulators approved a wind farm of forty turbines."
    assert item.author == "Anna Lee" and item.dateline_place == "Aberdeen"
    assert item.published_at == datetime(2024, 5, 15, 6, 10, tzinfo=UTC)
    assert (item.urgency, item.version, item.language, item.subjects) == (3, 1, "en", ["energy"])


def test_ninjs_3_camel_case_and_plain_text_body():
    [item] = read("ninjs_3.json").items
    assert item.title == "Библиотека открылась после ремонта"
    assert item.body_html.count("<p>") == 2
    assert item.author == "Ольга Иванова"  # "Текст:" dropped
    assert item.dateline_place == "Казань"
    assert item.first_created.utcoffset() == timedelta(hours=3)
    assert item.published_at == datetime(2024, 5, 16, 5, 20, tzinfo=UTC)
    assert (item.urgency, item.version, item.language) == (6, 2, "ru")
    assert item.rights == "© 2024 Тестовое агентство Только для тестов."


def test_malformed_agency_documents_fail_clearly(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?><nitf><head><title>x</head></nitf>', encoding="utf-8")
    with pytest.raises(SourceError, match="^XML does not parse"):
        read_source(str(broken))
    bad_json = tmp_path / "broken.json"
    bad_json.write_text('{"headline": "x", ', encoding="utf-8")
    with pytest.raises(SourceError, match="^JSON does not parse"):
        read_source(str(bad_json))
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(SourceError, match="no ninjs item"):
        read_source(str(other))


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    document = tmp_path / "xxe.xml"
    document.write_text(
        f'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<nitf><body><body.head><hedline><hl1>Headline &x;</hl1></hedline></body.head>"
        "<body.content><p>Some text of the story that is long enough &x;.</p></body.content></body></nitf>",
        encoding="utf-8",
    )
    try:
        items = read_source(str(document)).items
    except SourceError:
        return
    assert all("TOP SECRET" not in item.title + item.body_html for item in items)
