"""The spelling-error dialog in headless Chromium, in both editions, at desktop and phone widths.

Selections are made with the DOM Range API (the same Selection the reader's mouse or
finger makes); keys and taps go through Playwright. Screenshots of the dialog and of
the too-long message go to ``test-artifacts/errorreports-*.png``.
"""

from pathlib import Path

import pytest

from dateline.errorreports.models import ErrorReport

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
SENTENCE = {
    "en": "On January 15, Russia and the US held inter-agency consultations on the INF Treaty in Geneva.",
    "ru": "15 января Россия и США провели в Женеве межведомственные консультации по ДРСМД.",
}
TITLE = {"en": "Report a spelling error", "ru": "Сообщите об орфографической ошибке"}
TOO_LONG = {"en": "The selected text is too long", "ru": "Выделенный текст слишком длинный"}
SEND = {"en": "Send", "ru": "Отправить"}
THANKS = {"en": "Thank you! The editors will look at the error.", "ru": "Спасибо! Редакция проверит ошибку."}
OUTSIDE = {"en": "Select the text with the error inside the article.", "ru": "Выделите текст с ошибкой в самой статье."}
EMPTY = {"en": "Select the text with the error first", "ru": "Сначала выделите текст с ошибкой"}
QUEUE = "/admin/snippets/errorreports/errorreport/"

# Select from the start of `start` to the end of `end` (each inside one text node) under `root`.
SELECT_BETWEEN = """([root, start, end]) => {
  const nodes = [];
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let startNode = null, startOffset = 0, endNode = null, endOffset = 0;
  for (const node of nodes) {
    const i = node.data.indexOf(start);
    if (i >= 0) { startNode = node; startOffset = i; break; }
  }
  if (!startNode) throw new Error("not found: " + start);
  for (const node of nodes.slice(nodes.indexOf(startNode))) {
    const i = node.data.indexOf(end, node === startNode ? startOffset : 0);
    if (i >= 0) { endNode = node; endOffset = i + end.length; break; }
  }
  if (!endNode) throw new Error("not found: " + end);
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""

# Select `length` characters of text from the start of the article text, across paragraphs.
SELECT_SPAN = """([root, length]) => {
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  let node = first, left = length;
  while (node.data.length < left) { left -= node.data.length; node = walker.nextNode(); }
  const range = document.createRange();
  range.setStart(first, 0);
  range.setEnd(node, left);
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
  return window.getSelection().toString();
}"""


def article_of(language):
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code=language)


@pytest.fixture
def open_article(wait_for_js):
    """A function ``open(page, base_url, language)``: the language's article, once its script has started."""

    def open_(page, base_url, language):
        response = page.goto(base_url + article_of(language).url)
        assert response.status == 200
        wait_for_js(page, "window.Dateline && window.Dateline.readerState")

    return open_


def select_between(page, start, end, root="[data-article-text]"):
    return page.evaluate(SELECT_BETWEEN, [root, start, end])


def dialog_is_open(page) -> bool:
    return page.evaluate("document.querySelector('dialog[data-errorreport-dialog]').open")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_report_a_sentence_and_find_it_in_the_admin_queue(
    live_demo, browser_page, django_user_model, language, open_article
):
    page = browser_page
    open_article(page, live_demo, language)
    sentence = SENTENCE[language]
    select_between(page, sentence, sentence)
    page.keyboard.press("Control+Enter")
    dialog = page.locator("dialog[data-errorreport-dialog]")
    dialog.wait_for(state="visible")
    assert dialog.locator("h2").inner_text() == TITLE[language]
    assert dialog.locator("mark").inner_text() == sentence
    quote = dialog.locator("blockquote").inner_text()
    assert quote.startswith("…") and quote.endswith("…")  # context on both sides
    dialog.locator("textarea").fill("<b>Test</b> comment")
    sent_context = page.evaluate(
        "() => { const f = document.querySelector('[data-errorreport-form]');"
        " return [f.elements.context_before.value, f.elements.context_after.value]; }"
    )
    dialog.get_by_role("button", name=SEND[language]).click()
    page.locator("[data-errorreport-status]").get_by_text(THANKS[language]).wait_for()
    assert not dialog_is_open(page)

    report = ErrorReport.objects.get(selected_text=sentence)
    assert report.locale.language_code == language
    assert report.submissions.get().comment == "<b>Test</b> comment"
    assert len(report.context_before) == 60 and len(report.context_after) == 60
    assert [report.context_before, report.context_after] == sent_context  # the page and the server agree

    django_user_model.objects.create_superuser("editor", "editor@example.com", "correct-horse-battery")
    page.goto(live_demo + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(live_demo + QUEUE)
    row = page.locator("tr", has=page.locator(".errorreport-passage mark", has_text=sentence))
    row.wait_for()
    editor_link = row.locator(f'a[href="/admin/pages/{report.article_id}/edit/"]')
    assert editor_link.inner_text() == report.article.title
    assert "<b>Test</b> comment" in row.inner_text()
    screenshot(page, f"errorreports-admin-queue-{language}.png")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_400_character_selection_is_refused_on_the_spot(live_demo, chromium, language, device, open_article):
    context = new_context(chromium, device)
    page = context.new_page()
    try:
        open_article(page, live_demo, language)
        for length in range(400, 500):  # 400 characters as the reader sees them (whitespace collapsed)
            selected = " ".join(page.evaluate(SELECT_SPAN, ["[data-article-text]", length]).split())
            if len(selected) >= 400:
                break
        assert len(selected) == 400
        if device == "phone":
            page.locator("[data-errorreport-fab]").tap()
        else:
            page.keyboard.press("Control+Enter")
        alert = page.locator("[data-errorreport-alert]")
        alert.get_by_text(TOO_LONG[language]).wait_for()
        text = alert.inner_text()
        assert ("200" in text) and (("символов" in text) == (language == "ru"))
        assert ("The selected" in text) == (language == "en")
        assert not dialog_is_open(page)
        assert ErrorReport.objects.count() == 0
        screenshot(page, f"errorreports-too-long-{language}-{device}.png")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_dialog_at_desktop_and_phone_widths(live_demo, chromium, language, device, open_article):
    """Desktop opens the dialog with Ctrl+Enter, the phone with a tap on the floating control."""
    context = new_context(chromium, device)
    page = context.new_page()
    try:
        open_article(page, live_demo, language)
        control = page.locator(".errorreport-hint")
        control.scroll_into_view_if_needed()
        control.screenshot(path=str(artifact(f"errorreports-control-{language}-{device}.png")))
        fab = page.locator("[data-errorreport-fab]")
        assert not fab.is_visible()
        sentence = SENTENCE[language]
        select_between(page, sentence, sentence)
        fab.wait_for(state="visible")
        if device == "phone":
            fab.tap()
        else:
            page.keyboard.press("Control+Enter")
        dialog = page.locator("dialog[data-errorreport-dialog]")
        dialog.wait_for(state="visible")
        assert dialog.locator("h2").inner_text() == TITLE[language]
        box = dialog.bounding_box()
        width = page.viewport_size["width"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # fits the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert not fab.is_visible()  # the dialog hides the floating control
        dialog.locator("textarea").fill("Geneva" if language == "en" else "Женева")
        screenshot(page, f"errorreports-dialog-{language}-{device}.png")
    finally:
        context.close()


def test_esc_closes_the_dialog_and_focus_returns(live_demo, browser_page, open_article, wait_for_js):
    page = browser_page
    open_article(page, live_demo, "en")
    select_between(page, SENTENCE["en"], SENTENCE["en"])
    opener = page.locator(".errorreport-hint [data-errorreport-open]")
    opener.focus()
    page.keyboard.press("Enter")
    page.locator("dialog[data-errorreport-dialog]").wait_for(state="visible")
    assert page.evaluate("document.activeElement.name") == "comment"
    for _ in range(6):  # focus stays inside the modal dialog
        page.keyboard.press("Tab")
        inside = page.evaluate("document.querySelector('dialog').contains(document.activeElement)")
        at_top = page.evaluate("document.activeElement === document.body")
        assert inside or at_top  # the browser's own UI may take a turn at the end of the cycle
    page.keyboard.press("Escape")
    wait_for_js(page, "!document.querySelector('dialog').open")
    assert page.evaluate("document.activeElement.matches('.errorreport-hint [data-errorreport-open]')")
    wait_for_js(page, "s => window.getSelection().toString() === s", arg=SENTENCE["en"])  # selection is back
    # Cancel closes too
    page.keyboard.press("Control+Enter")
    page.locator("dialog[data-errorreport-dialog]").wait_for(state="visible")
    page.get_by_role("button", name="Cancel").click()
    wait_for_js(page, "!document.querySelector('dialog').open")
    assert ErrorReport.objects.count() == 0


def test_selection_across_paragraphs_links_and_emphasis(live_demo, browser_page, open_article):
    article = article_of("en")
    article.body = (
        '<p>The minister spoke <em>in Berlin</em> on <a href="https://example.com/">Friday</a>.</p>'
        "<p>He <b>left</b> early and quietly, aides said.</p>"
    )
    article.save_revision().publish()
    page = browser_page
    open_article(page, live_demo, "en")
    select_between(page, "spoke", "early", root=".article-body")
    page.keyboard.press("Control+Enter")
    dialog = page.locator("dialog[data-errorreport-dialog]")
    dialog.wait_for(state="visible")
    assert dialog.locator("mark").inner_text() == "spoke in Berlin on Friday. He left early"
    dialog.get_by_role("button", name="Send").click()
    page.locator("[data-errorreport-status]").get_by_text(THANKS["en"]).wait_for()
    report = ErrorReport.objects.get()
    assert report.selected_text == "spoke in Berlin on Friday. He left early"
    assert report.context_before.endswith("TASS reported. The minister ")
    assert report.context_after == " and quietly, aides said."


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_selection_outside_the_article_or_none_gets_a_hint(live_demo, browser_page, language, open_article):
    page = browser_page
    open_article(page, live_demo, language)
    alert = page.locator("[data-errorreport-alert]")
    headline = article_of(language).title
    select_between(page, headline[:20], headline[:20], root="h1.headline")
    page.keyboard.press("Control+Enter")
    alert.get_by_text(OUTSIDE[language]).wait_for()
    assert not dialog_is_open(page)
    page.evaluate("window.getSelection().removeAllRanges()")
    page.keyboard.press("Control+Enter")
    alert.get_by_text(EMPTY[language]).wait_for()
    assert not dialog_is_open(page)
    assert ErrorReport.objects.count() == 0


def new_context(chromium, device, **options):
    if device == "phone":
        return chromium.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True, **options
        )
    return chromium.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1, **options)


def artifact(name) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def screenshot(page, name):
    page.screenshot(path=str(artifact(name)))


@pytest.mark.parametrize(("language", "device"), [("en", "desktop"), ("ru", "phone")])
def test_without_javascript_the_control_leads_to_a_form(live_demo, chromium, language, device):
    context = new_context(chromium, device, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_demo + article_of(language).url)
        page.locator(".errorreport-hint [data-errorreport-open]").click()
        page.locator("h1").get_by_text(TITLE[language]).wait_for()
        page.fill("textarea[name=selected_text]", SENTENCE[language])
        screenshot(page, f"errorreports-nojs-form-{language}-{device}.png")
        page.get_by_role("button", name=SEND[language]).click()
        page.locator(".errorreport-thanks").get_by_text(THANKS[language]).wait_for()
        assert ErrorReport.objects.get().selected_text == SENTENCE[language]
    finally:
        context.close()
