"""The ingest of issue 11's "Done when": the shared corpus served over loopback HTTP, polled twice.

Every feed, page and agency document of ``../shared/corpus`` becomes a source
(feeds and pages over HTTP, ninjs/NewsML-G2/NITF documents through a keyed
agency endpoint and a watched folder), beside sources that fail: an HTTP
error, a malformed feed, a timeout, a response over the size cap, a wrong
content type and a missing API key. The test polls twice and checks that the
failing sources are marked and backed off, that the others' items all arrive
once (nothing duplicated, nothing lost or changed by the second poll), and that
each format's fields arrive. Skipped when the corpus is absent.
"""

from __future__ import annotations

import shutil
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Locale

from dateline.news.models import SectionPage
from dateline.wire.desk import unusable_reason
from dateline.wire.ingest import poll_due_sources
from dateline.wire.models import InboxItem, WireSource
from dateline.wire.sources import read_source
from dateline.wire.tasks import PERIODIC_TASKS, poll_wire_sources

from .test_corpus import CORPUS

API_KEY = "test-key-11"
TIMEOUT = 1.0  # seconds
SIZE_CAP = 1_000_000  # bytes

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


class CorpusHandler(BaseHTTPRequestHandler):
    """Serves the corpus: /feeds/<id>, /pages/<id>, /api/<id> (keyed), and the failing addresses."""

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading (size cap, timeout)
            pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        kind, _, name = self.path.strip("/").partition("/")
        if kind == "feeds":
            return self._send(200, (CORPUS / "feeds" / name / "feed.xml").read_bytes(), "application/rss+xml")
        if kind == "pages":
            return self._send(200, (CORPUS / "html" / name / "source.html").read_bytes(), "text/html")
        if kind == "api":
            if self.headers.get("X-Api-Key") != API_KEY:
                return self._send(401, b'{"error": "key"}', "application/json")
            [document] = (CORPUS / "newsml" / name).glob("document.*")
            return self._send(200, document.read_bytes(), "application/json")
        if kind == "error":
            return self._send(500, b"Internal Server Error", "text/plain")
        if kind == "slow":
            time.sleep(TIMEOUT * 3)
            return self._send(200, b"<rss/>", "application/rss+xml")
        if kind == "huge":
            return self._send(200, b"<rss>" + b" " * (SIZE_CAP * 2) + b"</rss>", "application/rss+xml")
        return self._send(404, b"not found", "text/plain")


@pytest.fixture
def corpus_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), CorpusHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def corpus_ids(kind: str, filename: str) -> list[str]:
    return sorted(p.parent.name for p in (CORPUS / kind).glob(f"*/{filename}"))


@pytest.fixture
def sources(demo, corpus_server, tmp_path, settings):
    settings.DATELINE_WIRE_FETCH_TIMEOUT = TIMEOUT
    settings.DATELINE_WIRE_MAX_BYTES = SIZE_CAP
    en = Locale.objects.get(language_code="en")
    section = SectionPage.objects.get(locale=en, slug="news")

    def make(name, kind, url="", **kwargs):
        return WireSource.objects.create(
            name=name, kind=kind, url=url, locale=en, section=section, interval=60, **kwargs
        )

    good, failing = {}, {}
    for feed in corpus_ids("feeds", "feed.xml"):
        target = failing if feed == "feed-rs--reuters-invalid" else good
        target[feed] = make(feed, "feed", f"{corpus_server}/feeds/{feed}")
    for page in corpus_ids("html", "source.html"):
        good[page] = make(page, "page", f"{corpus_server}/pages/{page}")
    agency_documents = sorted(p.parent.name for p in (CORPUS / "newsml").glob("*/document.*"))
    for document in agency_documents:
        good[document] = make(
            document, "endpoint", f"{corpus_server}/api/{document}", api_key=API_KEY, api_key_header="X-Api-Key"
        )
    drop = tmp_path / "drop"
    drop.mkdir()
    for document in agency_documents:
        [path] = (CORPUS / "newsml" / document).glob("document.*")
        shutil.copyfile(path, drop / f"{document}{path.suffix}")
    good["folder"] = WireSource.objects.create(
        name="folder", kind="folder", folder=str(drop), locale=en, section=section, interval=60
    )
    failing["http-error"] = make("http-error", "feed", f"{corpus_server}/error/")
    failing["timeout"] = make("timeout", "feed", f"{corpus_server}/slow/")
    failing["too-big"] = make("too-big", "feed", f"{corpus_server}/huge/")
    failing["wrong-type"] = make("wrong-type", "feed", f"{corpus_server}/pages/readability--bbc-1")
    failing["no-key"] = make("no-key", "endpoint", f"{corpus_server}/api/superdesk--ninjs1")
    failing["off"] = make("off", "feed", f"{corpus_server}/error/", enabled=False)
    return {"good": good, "failing": failing, "drop": drop, "server": corpus_server}


def expected_counts(source: WireSource, drop_copy: Path) -> int:
    """How many usable items reading the source directly gives (independently of the desk)."""
    if source.kind == "folder":
        total = 0
        for path in sorted(drop_copy.iterdir()):
            total += sum(1 for i in read_source(str(path)).items if not unusable_reason(i))
        return total
    headers = source.request_headers()
    reading = read_source(source.url, headers=headers, default_language=source.copy_language)
    return sum(1 for item in reading.items if not unusable_reason(item))


def snapshot():
    return {
        item.pk: (item.title, item.body_html, item.status, item.guid_key, item.content_hash, item.version_created)
        for item in InboxItem.objects.all()
    }


@pytest.mark.django_db(transaction=True)
def test_corpus_is_polled_twice_without_duplicates_or_losses(sources):
    good, failing = sources["good"], sources["failing"]
    drop_copy = sources["drop"].parent / "drop-copy"
    shutil.copytree(sources["drop"], drop_copy)
    assert (poll_wire_sources, 30) in PERIODIC_TASKS

    started = timezone.now()
    first = {report.source.name: report for report in poll_due_sources()}
    assert "off" not in first  # a source switched off is not polled
    assert set(first) == (set(good) | set(failing)) - {"off"}

    # The failing sources: marked with their error and time, retried later, the others unaffected.
    reasons = {name: first[name].error for name in failing if name != "off"}
    assert reasons["feed-rs--reuters-invalid"].startswith("feed does not parse")
    assert reasons["http-error"] == "URL answered HTTP 500 Internal Server Error"
    assert "did not answer within" in reasons["timeout"] or "timed out" in reasons["timeout"]
    assert reasons["too-big"] == "URL sends more than 1000000 bytes"
    assert reasons["wrong-type"].startswith("wrong content type: text/html (page)")
    assert reasons["no-key"] == "URL answered HTTP 401 Unauthorized"
    for name in reasons:
        source = WireSource.objects.get(name=name)
        assert source.failures == 1 and source.last_error == reasons[name]
        assert source.last_error_at >= started and source.last_success_at is None
        assert source.next_poll_at == source.last_polled_at + timedelta(seconds=60)

    # The good sources: every usable item arrived once; pages and feeds as many as read directly.
    for name, source in good.items():
        report = first[name]
        assert report.error == "", (name, report.error)
        source.refresh_from_db()
        assert source.failures == 0 and source.last_success_at is not None
        assert report.new + report.updates + report.duplicates == expected_counts(source, drop_copy), name
    total_new = sum(r.new + r.updates for r in first.values())
    assert InboxItem.objects.count() == total_new > 100
    assert set(InboxItem.objects.values_list("status", flat=True)) == {"new"}
    assert not (set(p.name for p in sources["drop"].iterdir()) - {"processed"})  # every dropped file was read
    # The folder delivered the same documents as the endpoint: they are recognised, not offered twice.
    assert first["folder"].new == 0 and first["folder"].duplicates > 0

    before = snapshot()
    # Second poll (forced: nothing is due yet) and the dropped files dropped again.
    for path in drop_copy.iterdir():
        shutil.copyfile(path, sources["drop"] / path.name)
    second = {report.source.name: report for report in poll_due_sources(force=True)}
    assert sum(r.new + r.updates for r in second.values()) == 0
    for name in good:
        assert second[name].duplicates == first[name].new + first[name].updates + first[name].duplicates, name
    assert snapshot() == before  # nothing lost, nothing changed
    backed_off = WireSource.objects.get(name="http-error")
    assert backed_off.failures == 2
    assert backed_off.next_poll_at == backed_off.last_polled_at + timedelta(seconds=120)  # doubled

    # A third tick right away polls nothing: every source is waiting for its interval or back-off.
    assert poll_wire_sources.call() == {"sources": 0, "new": 0, "updates": 0, "failed": 0}

    check_fields()


def item(**filters) -> InboxItem:
    return InboxItem.objects.filter(**filters).order_by("pk").first()


def check_fields():
    """Each format's fields, on known items of the corpus."""
    formats = set(InboxItem.objects.values_list("format", flat=True))
    assert {"rss", "atom", "rdf", "page", "newsml-g2", "newsml-1", "nitf", "ninjs"} <= formats

    reuters = item(guid="tag:reuters.com,0000:newsml_L4N1FL0N0")
    assert reuters.format == "newsml-g2"
    assert reuters.title == "PRECIOUS-Gold rises as Trump policy fuels safe haven demand"
    assert (reuters.version, reuters.urgency, reuters.language) == (1132689232, 3, "en")
    assert reuters.first_created == datetime(2017, 1, 31, 3, 47, 29, tzinfo=UTC)
    assert reuters.rights.startswith("(c) Copyright Thomson Reuters 2017")
    assert "Spot gold rose" in reuters.original_text

    dpa = item(guid="urn:newsml:dpa.com:20090101:221011-930-4303")
    assert (dpa.language, dpa.dateline_place, dpa.urgency) == ("de", "London", 4)
    assert dpa.title.startswith("Eintracht in London")

    efe = item(format="nitf", guid="nitf::22751909")
    assert efe.title == "Honduran president announces Cabinet changes"
    assert (efe.subheadline, efe.dateline_place, efe.urgency) == ("HONDURAS GOVERNMENT", "Tegucigalpa", 5)
    assert efe.first_created == datetime(2017, 1, 2, 22, 28, tzinfo=UTC)

    ap = item(format="nitf", title="Can trading pollution like stocks help fight climate change?")
    assert (ap.byline, ap.dateline_place) == ("Bernard Condon", "New York")

    afp = item(format="newsml-1")
    assert afp.title == "Sweden court accepts receivership for Saab carmaker"
    assert (afp.dateline_place, afp.urgency, afp.language) == ("Stockholm", 4, "en")

    ninjs = item(guid="urn:newsml:localhost:2017-08-24T14:37:19.783611:c044162e-7f40-4d04-b700-49b6a66e652c")
    assert (ninjs.format, ninjs.title, ninjs.dateline_place, ninjs.language, ninjs.version) == (
        "ninjs",
        "headline",
        "Milton Keynes",
        "fr",
        2,
    )
    assert ninjs.byline == "Peter, Jane" and ninjs.urgency == 3 and ninjs.rights == "Copyright Usage"
    beer = item(guid="fd8e441b-a698-4411-9246-7d5de21cced9")
    assert beer.title == "Trouble is brewing for the future of beer" and beer.image_url.startswith("https://")

    bbc_page = item(url="http://www.bbc.com/news/world-us-canada-33646704")
    assert bbc_page.format == "page" and bbc_page.source_name == "BBC News" and bbc_page.image_url

    guardian = InboxItem.objects.filter(source__name="rss-parser-js--guardian")
    assert guardian.count() > 50 and all(g.format == "rss" and g.version_created for g in guardian)
    assert guardian.exclude(byline="").count() > 40 and guardian.exclude(image_url="").exists()

    atom = InboxItem.objects.filter(source__name="feedparser--touchnokia-atom")
    assert atom.count() == 15 and {a.format for a in atom} == {"atom"} and {a.language for a in atom} == {"ru"}
    orf = item(source__name="rssparser-kt--rdf-feed-test")
    assert orf.format == "rdf" and orf.language == "de"
    koi8 = item(source__name="feedparser--koi8r-undeclared")
    assert koi8.language == "ru" and "koi8" in koi8.warnings.lower()
    nbc = item(source__name="feed-rs--nbcny")
    assert nbc.version_created is not None and "no time zone" in nbc.date_problem
