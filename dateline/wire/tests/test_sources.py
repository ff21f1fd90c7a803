"""Readers of pages and feeds: extraction, encodings, failures, sanitising, language."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lxml.html
import pytest

from dateline.wire.language import guess_language, normalise_language
from dateline.wire.richtext import ALLOWED_TAGS, lead_from_html, lead_from_text, paragraphs_text, sanitise_body_html
from dateline.wire.sources import SourceError, read_source
from dateline.wire.sources.dates import parse_datetime_value
from dateline.wire.sources.webpage import strip_site_suffix

from .samples import DE_PARAGRAPHS, EN_PARAGRAPHS, RU_PARAGRAPHS, article_page, paragraphs_html, rss_feed


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def test_page_gives_title_date_author_text_and_canonical(tmp_path):
    reading = read_source(write(tmp_path, "page.html", article_page()))
    assert reading.kind == "page"
    [item] = reading.items
    assert item.title == "Council approves transport budget"
    assert item.published_at == datetime(2024, 5, 14, 7, 30, tzinfo=UTC)
    assert item.published_at.utcoffset() == timedelta(hours=2)  # the page's own offset is kept
    assert item.author == "Jane Roe"
    assert item.url == item.guid == "https://news.example.com/2024/05/transport-budget"
    assert item.language == "en"
    assert item.source_name == "Example News"
    assert item.source_site_url == "https://news.example.com/"
    text = paragraphs_text(item.body_html)
    assert item.lead == EN_PARAGRAPHS[0]  # og:description
    assert EN_PARAGRAPHS[0] not in text  # the lead is not repeated by the body
    for paragraph in EN_PARAGRAPHS[1:]:
        assert paragraph in text
    assert "Home" not in text and "©" not in text  # navigation and footer are not article text


def test_page_without_canonical_is_keyed_by_its_file(tmp_path):
    path = write(tmp_path, "page.html", article_page(canonical=None, site_name=None))
    [item] = read_source(path).items
    assert item.url == ""
    assert item.guid == (tmp_path / "page.html").resolve().as_uri()
    assert item.source_name == ""


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SourceError, match="^file not found$"):
        read_source(str(tmp_path / "nothing-here.html"))


def test_page_without_article_text_is_an_error(tmp_path):
    page = (
        "<html lang='en'><head><title>Index</title><script>var a = 1;</script></head>"
        "<body><nav>Home</nav></body></html>"
    )
    with pytest.raises(SourceError, match="no article text"):
        read_source(write(tmp_path, "empty.html", page))


def test_truncated_feed_does_not_parse(tmp_path):
    feed = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Cut</title><description>x'
    with pytest.raises(SourceError, match=r"^feed does not parse: .*line 1"):
        read_source(write(tmp_path, "cut.xml", feed))


def test_feed_items_take_full_content_summary_date_guid(tmp_path):
    feed = rss_feed(
        [
            {
                "title": "Council approves transport budget",
                "link": "https://wire.example.org/a/1",
                "guid": "wire-0001",
                "pubDate": "Tue, 14 May 2024 09:30:00 +0200",
                "author": "desk@wire.example.org (Jane Roe)",
                "description": "Three tram lines and forty buses.",
                "content": paragraphs_html(EN_PARAGRAPHS),
            },
            {"title": "Headline only", "link": "https://wire.example.org/a/2"},
            {"title": "Summary only", "link": "https://wire.example.org/a/3", "description": EN_PARAGRAPHS[1]},
        ]
    )
    reading = read_source(write(tmp_path, "feed.xml", feed))
    assert reading.kind == "feed" and reading.warnings == []
    full, title_only, summary_only = reading.items
    assert full.guid == "wire-0001" and full.url == "https://wire.example.org/a/1"
    assert full.published_at == datetime(2024, 5, 14, 7, 30, tzinfo=UTC)
    assert full.author == "Jane Roe"
    assert full.lead == "Three tram lines and forty buses."
    assert EN_PARAGRAPHS[3] in paragraphs_text(full.body_html)
    assert full.source_name == "Example Wire" and full.language == "en"
    assert paragraphs_text(title_only.body_html) == ""
    assert title_only.guid == "https://wire.example.org/a/2"  # no guid: the link
    assert paragraphs_text(summary_only.body_html) == EN_PARAGRAPHS[1]


def test_koi8r_feed_without_declaration_is_read_as_cyrillic(tmp_path):
    feed = rss_feed(
        [{"title": "Совет утвердил бюджет", "link": "https://wire.example.org/ru/1", "description": RU_PARAGRAPHS[0]}],
        language=None,
    )
    reading = read_source(write(tmp_path, "koi8.xml", feed.encode("koi8-r")))
    [item] = reading.items
    assert item.title == "Совет утвердил бюджет"
    assert paragraphs_text(item.body_html) == RU_PARAGRAPHS[0]
    assert item.language == "ru"  # no <language>: the Cyrillic text decides
    assert any("koi8" in warning.lower() for warning in reading.warnings)


def test_declared_legacy_encoding_is_honoured(tmp_path):
    feed = rss_feed([{"title": "Совет", "guid": "x1", "description": RU_PARAGRAPHS[1]}], encoding="windows-1251")
    [item] = read_source(write(tmp_path, "cp1251.xml", feed.encode("windows-1251"))).items
    assert paragraphs_text(item.body_html) == RU_PARAGRAPHS[1]


def test_feed_with_blank_lines_before_declaration_is_read_leniently(tmp_path):
    feed = "\n\n" + rss_feed([{"title": "T", "guid": "g1", "description": EN_PARAGRAPHS[0]}], encoding="UTF-8")
    reading = read_source(write(tmp_path, "blank.xml", feed))
    assert len(reading.items) == 1
    assert "read leniently" in reading.warnings[0]


def test_atom_entry_language_from_xml_lang(tmp_path):
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">'
        "<title>Лента</title><id>urn:feed</id><updated>2024-05-14T07:30:00Z</updated>"
        "<entry><id>urn:entry:1</id><title>Solar eclipse</title><updated>2024-05-14T07:30:00Z</updated>"
        f'<content type="html" xml:lang="en">{EN_PARAGRAPHS[0]}</content></entry></feed>'
    )
    [item] = read_source(write(tmp_path, "atom.xml", atom)).items
    assert item.language == "en" and item.guid == "urn:entry:1"


def test_sanitising_drops_scripts_styles_handlers_and_foreign_tags():
    dirty = (
        "<style>p{color:red}</style><script>alert('x')</script>"
        '<div class="x"><p onclick="steal()">Text <a href="javascript:alert(1)">bad</a> '
        '<a href="/relative">rel</a> <img src="x" onerror="steal()"><iframe src="https://ads"></iframe></p></div>'
        "<h1>Headline</h1><h5>Minor</h5><table><tr><td>Cell text</td></tr></table>loose tail"
    )
    clean = sanitise_body_html(dirty, base_url="https://site.example/news/1", title="Headline")
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    tags = {element.tag for element in root.iter()} - {"div"}
    assert tags <= ALLOWED_TAGS
    assert {"script", "style", "img", "iframe", "table"}.isdisjoint(tags)
    assert not [a for el in root.iter() for a in el.attrib if a != "href"]
    assert [a.get("href") for a in root.iter("a")] == [None, "https://site.example/relative"]
    text = root.text_content()
    assert "alert" not in text and "color" not in text
    assert "Headline" not in text  # the h1 repeating the headline
    assert [block.tag for block in root] == ["p", "h4", "p", "p"]
    assert root[-1].text == "loose tail"


def test_site_name_suffix_is_dropped_from_headlines():
    assert strip_site_suffix("Budget approved | Aktuálně.cz", ["Aktuálně.cz - Víte, co se děje"]) == "Budget approved"
    assert strip_site_suffix("Budget approved - BBC News", ["BBC News"]) == "Budget approved"
    assert strip_site_suffix("Left - right", ["Example News"]) == "Left - right"


def test_lead_is_first_sentences_within_limit():
    text = "Short one. " + "A much longer second sentence that runs on and on. " * 3 + "\n\nNext paragraph."
    lead = lead_from_text(text)
    assert lead.startswith("Short one. A much longer") and len(lead) <= 300
    assert lead_from_text("x" * 500).endswith("…")


@pytest.mark.parametrize(
    ("tag", "expected"), [("en_US", "en"), ("en-GB", "en"), ("IT-it", "it"), ("ru", "ru"), ("", ""), ("??", "")]
)
def test_language_tags_are_normalised(tag, expected):
    assert normalise_language(tag) == expected


def test_language_guess_from_text():
    assert guess_language(" ".join(RU_PARAGRAPHS)) == "ru"
    assert guess_language(" ".join(EN_PARAGRAPHS)) == "en"
    assert guess_language(" ".join(DE_PARAGRAPHS)) == ""
    assert guess_language("Hi") == ""


def test_page_language_from_og_locale_or_text(tmp_path):
    page = article_page(lang=None).replace("<head>", '<head><meta property="og:locale" content="ru_RU">')
    assert read_source(write(tmp_path, "og.html", page)).items[0].language == "ru"
    untagged = article_page(title="Совет утвердил бюджет", paragraphs=RU_PARAGRAPHS, lang=None)
    assert read_source(write(tmp_path, "ru.html", untagged)).items[0].language == "ru"


def test_dates_keep_offsets_and_read_naive_values_in_agency_zone(settings):
    settings.DATELINE_TIME_ZONE = "Europe/Moscow"
    assert parse_datetime_value("2018-12-21T12:55:00Z") == datetime(2018, 12, 21, 12, 55, tzinfo=UTC)
    assert parse_datetime_value("2021-11-01T10:52:50+0100").utcoffset() == timedelta(hours=1)
    naive = parse_datetime_value("2018-12-21 12:55:00")
    assert naive == datetime(2018, 12, 21, 9, 55, tzinfo=UTC)
    assert parse_datetime_value("2016-02-01") == datetime(2016, 1, 31, 21, 0, tzinfo=UTC)
    assert parse_datetime_value("yesterday") is None


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_url_is_a_clear_error():
    with pytest.raises(SourceError, match="^URL unreachable"):
        read_source(f"http://127.0.0.1:{_closed_port()}/news.html", timeout=2)


@pytest.fixture
def http_server():
    """A local HTTP server; ``routes`` maps path → (status, content type, body bytes)."""
    routes: dict[str, tuple[int, str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()


def test_url_page_and_feed_are_fetched(http_server):
    base, routes = http_server
    routes["/story"] = (200, "text/html; charset=utf-8", article_page(canonical=None).encode())
    routes["/feed"] = (
        200,
        "application/rss+xml",
        rss_feed([{"title": "T", "link": "/a/1", "description": "x y"}]).encode(),
    )
    [page] = read_source(f"{base}/story", timeout=5).items
    assert page.url == page.guid == f"{base}/story"
    assert page.source_name == "Example News"
    [entry] = read_source(f"{base}/feed", timeout=5).items
    assert entry.title == "T"


def test_http_error_is_a_clear_error(http_server):
    base, _routes = http_server
    with pytest.raises(SourceError, match="^URL answered HTTP 404"):
        read_source(f"{base}/missing", timeout=5)


def test_app_name_is_translated():
    from django.apps import apps
    from django.utils import translation

    with translation.override("ru"):
        assert str(apps.get_app_config("wire").verbose_name) == "Ленты агентств"
    with translation.override("en"):
        assert str(apps.get_app_config("wire").verbose_name) == "Wire"


def test_lead_from_html_skips_headings_lists_and_short_lines():
    html = "<h2>Section</h2><ul><li>24 July</li></ul><p>941 comments</p>" + paragraphs_html(EN_PARAGRAPHS)
    assert lead_from_html(html) == EN_PARAGRAPHS[0]
