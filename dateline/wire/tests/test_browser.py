"""The wire desk in headless Chromium: the inbox, an item taken into a draft, a source's form, in both languages.

Screenshots go to ``test-artifacts/wire-*.png``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from wagtail.models import Locale

from dateline.news.models import SectionPage, SourceAgency
from dateline.wire.desk import receive
from dateline.wire.models import InboxItem, WireSource
from dateline.wire.sources import read_source

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
DOCUMENTS = Path(__file__).parent / "documents"
PASSWORD = "correct-horse-battery"
TAKE = {"en": "Take into a draft", "ru": "Взять в черновик"}
INBOX = {"en": "Inbox", "ru": "Входящие"}


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.fixture
def desk(live_demo, django_user_model):
    en = Locale.objects.get(language_code="en")
    agency = SourceAgency.objects.create(locale=en, name="Dateline Test Wire")
    section = SectionPage.objects.get(locale=en, slug="news")
    source = WireSource.objects.create(
        name="Test agency (ninjs)",
        kind="endpoint",
        url="https://wire.dateline.test/v2/items",
        api_key="secret",
        api_key_header="X-Api-Key",
        locale=en,
        section=section,
        agency=agency,
        interval=120,
    )
    WireSource.objects.create(
        name="Broken feed",
        kind="feed",
        url="https://feeds.dateline.test/broken.xml",
        locale=en,
        interval=300,
        failures=3,
        last_error="feed does not parse: no element found (line 19, column 84)",
    )
    for name in ("g2_newsitem.xml", "g2_newsmessage_cp1251.xml", "nitf_iso8859-1.xml", "ninjs_1.json", "ninjs_3.json"):
        for item in read_source(str(DOCUMENTS / name)).items:
            receive(item, source)
    django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    return {"url": live_demo, "source": source}


def log_in(page, base_url: str, language: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    if language == "ru":
        from django.contrib.auth import get_user_model
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
        profile.preferred_language = "ru"
        profile.save()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_inbox_take_an_item_and_a_source_form(desk, browser_page, language):
    page, base = browser_page, desk["url"]
    log_in(page, base, language)
    page.goto(base + "/admin/wire_inbox/")
    page.get_by_role("link", name="Council approves transport budget").wait_for()
    assert page.get_by_text("Президент одобрил бюджет общественного транспорта").count() == 1
    assert INBOX[language] in page.title() or INBOX[language] in page.content()
    screenshot(page, f"wire-inbox-{language}.png")

    page.get_by_role("link", name="Council approves transport budget").click()
    page.get_by_text("Three tram lines and forty electric buses").first.wait_for()
    screenshot(page, f"wire-item-{language}.png")
    page.get_by_role("button", name=TAKE[language]).click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.locator("#id_title").input_value() == "Council approves transport budget"
    item = InboxItem.objects.get(title="Council approves transport budget")
    assert item.status == "taken" and item.article.source_agency.name == "Dateline Test Wire"

    page.goto(base + "/admin/wire_sources/")
    page.get_by_text("feed does not parse").first.wait_for()
    screenshot(page, f"wire-sources-{language}.png")
    page.goto(base + f"/admin/wire_sources/edit/{desk['source'].pk}/")
    page.locator("#id_api_key_header").wait_for()
    assert page.locator("#id_interval").input_value() == "120"
    screenshot(page, f"wire-source-form-{language}.png")
