"""The wire desk end to end: a source's item in the inbox, taken into a draft, updated, published; dismissals."""

from __future__ import annotations

import io
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.models import Locale

from dateline.news.models import ArticlePage, SectionPage, SourceAgency
from dateline.wire.desk import DUPLICATE, NEW, UPDATE, receive
from dateline.wire.ingest import poll_due_sources, poll_source
from dateline.wire.models import InboxItem, WireSource
from dateline.wire.sources import read_source

DOCUMENTS = Path(__file__).parent / "documents"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/images/"):
            body, content_type = png_bytes(), "image/png"
        elif self.path.startswith("/docs/"):
            body, content_type = (DOCUMENTS / self.path.removeprefix("/docs/")).read_bytes(), "application/xml"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def editor(django_user_model, client):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-for-tests")
    client.force_login(user)
    return user


@pytest.fixture
def folder_source(demo, tmp_path):
    en = Locale.objects.get(language_code="en")
    agency = SourceAgency.objects.create(locale=en, name="Dateline Test Wire", url="https://wire.dateline.test/")
    drop = tmp_path / "drop"
    drop.mkdir()
    return WireSource.objects.create(
        name="Test wire folder",
        kind="folder",
        folder=str(drop),
        locale=en,
        section=SectionPage.objects.get(locale=en, slug="news"),
        agency=agency,
        interval=60,
    )


def drop(source: WireSource, name: str, text: str | None = None) -> None:
    target = Path(source.folder) / name
    if text is None:
        shutil.copyfile(DOCUMENTS / name, target)
    else:
        target.write_text(text, encoding="utf-8")


def g2_version(version: int, extra: str) -> str:
    text = (DOCUMENTS / "g2_newsitem.xml").read_text(encoding="utf-8")
    text = text.replace('version="2"', f'version="{version}"')
    return text.replace("</body></html>", f"<p>{extra}</p></body></html>")


def test_item_from_a_source_to_a_published_article(folder_source, editor, client, server, settings):
    drop(folder_source, "g2_newsitem.xml")
    [report] = poll_due_sources()
    assert (report.new, report.error) == (1, "")
    item = InboxItem.objects.get()
    assert item.status == "new" and item.source == folder_source
    item.image_url = f"{server}/images/tram.png"  # the lead image, served on loopback
    item.image_credit = "Photo: Ann Smith"
    item.save()

    listing = client.get(reverse("wire_inbox:index"))
    assert listing.status_code == 200 and "Council approves transport budget" in listing.text
    page = client.get(reverse("wire_inbox_item", args=[item.pk]))
    assert page.status_code == 200
    for expected in ("Three tram lines and forty electric buses", "Brussels", "Jane Roe", "public transport"):
        assert expected in page.text
    assert "Take into a draft" in page.text

    news = folder_source.section
    response = client.post(reverse("wire_inbox_item", args=[item.pk]), {"action": "take", "section": news.pk})
    article = ArticlePage.objects.get(wire_id=item.guid)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live and article.get_parent().pk == news.pk
    assert article.title == "Council approves transport budget"
    assert article.lead == "The city council approved the new budget for public transport on Tuesday."
    assert (article.byline, article.dateline_place) == ("Jane Roe", "Brussels")
    assert article.source_agency == folder_source.agency
    assert article.published_at == item.first_created
    assert article.lead_image is not None and article.lead_image.title == "Photo: Ann Smith"
    item.refresh_from_db()
    assert (item.status, item.article_id, item.decided_by) == ("taken", article.pk, editor)

    # The same document dropped again is not offered twice, even though it was taken.
    drop(folder_source, "g2_newsitem.xml")
    [again] = poll_due_sources(force=True)
    assert (again.new, again.duplicates) == (0, 1)

    # A newer version (same guid, version 3) is an update of the taken item, and taking it revises the article.
    drop(folder_source, "g2_newsitem.xml", g2_version(3, "The mayor welcomed the vote in a short statement."))
    [update_report] = poll_due_sources(force=True)
    assert update_report.updates == 1
    update = InboxItem.objects.get(version=3)
    assert update.update_of == item
    page = client.get(reverse("wire_inbox_item", args=[update.pk]))
    assert "This is an update of an item received before" in page.text and article.title in page.text
    listing = client.get(reverse("wire_inbox:index"))
    assert "update" in listing.text
    client.post(reverse("wire_inbox_item", args=[update.pk]), {"action": "take", "section": news.pk})
    update.refresh_from_db()
    assert update.status == "taken" and update.article_id == article.pk
    assert ArticlePage.objects.filter(wire_id=item.guid).count() == 1
    article.refresh_from_db()
    latest = article.get_latest_revision_as_object()
    assert "The mayor welcomed the vote" in str(latest.body)

    # The editor publishes; the reader sees the credited article.
    article.get_latest_revision().publish(user=editor)
    article.refresh_from_db()
    assert article.live
    public = client.get(article.url)
    assert public.status_code == 200
    assert "Council approves transport budget" in public.text and "Dateline Test Wire" in public.text


def test_dismissed_items_are_not_offered_again_and_can_be_restored(folder_source, editor, client):
    [item_data] = read_source(str(DOCUMENTS / "ninjs_1.json")).items
    received = receive(item_data, folder_source)
    assert received.status == NEW
    item = received.item
    response = client.post(reverse("wire_inbox_item", args=[item.pk]), {"action": "dismiss"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "dismissed"
    assert receive(item_data, folder_source).status == DUPLICATE
    link = f'href="{reverse("wire_inbox_item", args=[item.pk])}"'
    assert link not in client.get(reverse("wire_inbox:index")).text  # new items only by default
    assert link in client.get(reverse("wire_inbox:index") + "?status=dismissed").text
    client.post(reverse("wire_inbox_item", args=[item.pk]), {"action": "restore"})
    item.refresh_from_db()
    assert item.status == "new"


def test_inbox_search_and_filters(folder_source, editor, client):
    for name in ("ninjs_1.json", "ninjs_2.json", "ninjs_3.json"):
        for item in read_source(str(DOCUMENTS / name)).items:
            receive(item, folder_source)
    index = reverse("wire_inbox:index")
    assert "Wind farm" in client.get(index + "?q=turbines").text
    assert "Harbour" not in client.get(index + "?q=turbines").text
    russian = client.get(index + "?language=ru").text
    assert "Библиотека" in russian and "Harbour" not in russian
    urgent = client.get(index + "?urgency=3").text
    assert "Wind farm" in urgent and "Библиотека" not in urgent


def test_update_with_a_newer_version_time(folder_source):
    [first] = read_source(str(DOCUMENTS / "ninjs_2.json")).items
    receive(first, folder_source)
    first.version = None
    assert receive(first, folder_source).status == DUPLICATE
    newer = read_source(str(DOCUMENTS / "ninjs_2.json")).items[0]
    newer.version = 2
    newer.body_html += "<p>The operator confirmed the date.</p>"
    assert receive(newer, folder_source).status == UPDATE


def test_only_editors_decide(folder_source, client, django_user_model):
    [item_data] = read_source(str(DOCUMENTS / "ninjs_1.json")).items
    item = receive(item_data, folder_source).item
    reader = django_user_model.objects.create_user("reader", "r@example.com", "pw")
    client.force_login(reader)
    response = client.post(reverse("wire_inbox_item", args=[item.pk]), {"action": "dismiss"})
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == "new"


def test_failing_source_keeps_the_inbox_and_backs_off(folder_source):
    [item_data] = read_source(str(DOCUMENTS / "ninjs_1.json")).items
    receive(item_data, folder_source)
    before = list(InboxItem.objects.values())
    folder_source.folder = str(Path(folder_source.folder) / "missing")
    folder_source.save()
    report = poll_source(folder_source)
    assert report.error.startswith("folder not found")
    folder_source.refresh_from_db()
    assert folder_source.failures == 1 and folder_source.last_error.startswith("folder not found")
    assert list(InboxItem.objects.values()) == before


def test_a_bad_file_in_the_folder_is_set_aside_and_the_others_arrive(folder_source):
    drop(folder_source, "broken.xml", "<nitf><body>")
    drop(folder_source, "ninjs_2.json")
    [report] = poll_due_sources()
    assert (report.new, report.failed_items, report.error) == (1, 1, "")
    assert any("broken.xml: XML does not parse" in warning for warning in report.warnings)
    folder = Path(folder_source.folder)
    assert (folder / "failed" / "broken.xml").exists() and (folder / "processed" / "ninjs_2.json").exists()


def test_sources_admin_lists_state_and_validates(folder_source, editor, client):
    folder_source.failures, folder_source.last_error = 2, "URL answered HTTP 500 Internal Server Error"
    folder_source.save()
    listing = client.get(reverse("wire_sources:index"))
    assert listing.status_code == 200 and "Failing (2 in a row)" in listing.text
    form = client.get(reverse("wire_sources:edit", args=[folder_source.pk]))
    assert form.status_code == 200 and "Polling state" in form.text
    ru_news = SectionPage.objects.get(locale__language_code="ru", slug="news")
    response = client.post(
        reverse("wire_sources:add"),
        {
            "name": "Bad",
            "kind": "feed",
            "url": "",
            "locale": folder_source.locale_id,
            "section": ru_news.pk,
            "interval": 10,
            "encoding": "no-such-codec",
            "api_key_header": "Authorization",
        },
    )
    assert response.status_code == 200
    text = response.text
    assert "This type of source needs its URL." in text or "needs its URL" in text
    assert "Unknown encoding" in text and "30" in text
    assert not WireSource.objects.filter(name="Bad").exists()


def test_ingest_command_once_for_cron(folder_source):
    drop(folder_source, "ninjs_2.json")
    out = io.StringIO()
    call_command("ingest", "--once", stdout=out)
    assert out.getvalue().splitlines() == [
        "Test wire folder: 1 new, 0 updates, 0 already received, 0 unusable, 0 failed"
    ]
    out = io.StringIO()
    call_command("ingest", "--once", stdout=out)
    assert out.getvalue().splitlines() == ["No source is due."]
    folder_source.folder = "/nonexistent/drop"
    folder_source.save()
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", "--once", "--all", stdout=out)
    assert exit_info.value.code == 1
    assert out.getvalue().splitlines() == ["Test wire folder: failed: folder not found: /nonexistent/drop"]


@pytest.mark.parametrize("iptc,urgency", [(1, "flash"), (2, "urgent"), (3, "urgent"), (5, "normal"), (None, "normal")])
def test_a_taken_item_keeps_its_urgency(demo, iptc, urgency):
    from dateline.wire.desk import take
    from dateline.wire.sources.base import WireItem

    item = WireItem(
        title="Earthquake hits the coast",
        body_html="<p>A strong earthquake struck the coast on Monday.</p>",
        lead="",
        published_at=None,
        author="",
        url=f"https://wire.example.org/quake/{iptc}",
        guid=f"urn:wire:quake:{iptc}",
        language="en",
        source_name="Test wire",
        urgency=iptc,
    )
    inbox_item = receive(item).item
    article, _note = take(inbox_item, SectionPage.objects.get(locale__language_code="en", slug="news"))
    assert article.urgency == urgency
