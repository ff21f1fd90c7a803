"""Every reader page kind in headless Chromium, both editions, at 1280 and 390 px wide.

Screenshots go to ``test-artifacts/reader-<page>-<language>-<width>.png`` for people to look
at. The assertions check what a reader needs: pictures reserve their box (no layout shift
while the page and its lazy images load), every control has an accessible name, nothing is
wider than the screen, and the page's pictures have loaded.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
WIDTHS = (1280, 390)

#: Sums the layout shifts of the page so far (CLS without session windows; user input excluded).
LAYOUT_SHIFT_JS = """
() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})
"""

#: Visible controls (links, buttons, fields) without an accessible name, described for the failure message.
UNNAMED_CONTROLS_JS = """
() => {
  const text = el => (el ? el.textContent.replace(/\\s+/g, " ").trim() : "");
  const name = el => {
    if (el.getAttribute("aria-label")) return el.getAttribute("aria-label").trim();
    const by = el.getAttribute("aria-labelledby");
    if (by) return by.split(/\\s+/).map(id => text(document.getElementById(id))).join(" ").trim();
    if (el.labels && el.labels.length) return text(el.labels[0]);
    const own = text(el) || [...el.querySelectorAll("img[alt]")].map(i => i.alt).join(" ").trim();
    return own || (el.getAttribute("title") || "").trim() || (el.type === "submit" ? el.value : "");
  };
  const hidden = el => el.closest("[aria-hidden='true'], [hidden]") || el.getClientRects().length === 0;
  return [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea")]
    .filter(el => !hidden(el) && !name(el))
    .map(el => el.outerHTML.slice(0, 120));
}
"""


def page_urls(language: str) -> dict[str, str]:
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    edition = article.edition
    query = {"en": "Geneva", "ru": "Женева"}[language]
    return {
        "home": edition.url,
        "section": article.get_parent().url,
        "article": article.url,
        "dossier": article.dossier.url,
        "tag": f"{edition.url}tags/{article.tags.first().slug}/",
        "search": f"/{language}/search/?q={query}",
        "404": f"/{language}/no-such-page/",
    }


@pytest.mark.parametrize("language", ["en", "ru"])
def test_reader_pages_at_desktop_and_phone_widths(live_demo, chromium, language, wait_for_js):
    urls = page_urls(language)
    ARTIFACTS.mkdir(exist_ok=True)
    problems = {}
    for width in WIDTHS:
        context = chromium.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            for name, url in urls.items():
                response = page.goto(live_demo + url)
                assert response.status == (404 if name == "404" else 200), url
                page.wait_for_load_state("networkidle")
                # scroll through the page so that lazy pictures load, then back to the top
                height = page.evaluate("document.documentElement.scrollHeight")
                for y in range(0, height, 600):
                    page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_load_state("networkidle")
                wait_for_js(page, "[...document.images].every(img => img.complete && img.naturalWidth > 0)")
                page.evaluate("window.scrollTo(0, 0)")
                key = f"{name} {width}px"
                shift = page.evaluate(LAYOUT_SHIFT_JS)
                if shift > 0.01:
                    problems[key] = f"layout shift {shift:.3f}"
                unnamed = page.evaluate(UNNAMED_CONTROLS_JS)
                if unnamed:
                    problems[key] = f"controls without a name: {unnamed}"
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    problems[key] = "wider than the screen"
                sizes = page.evaluate(
                    "[...document.images].map(i => [i.getAttribute('width'), i.getAttribute('height')])"
                )
                if any(None in pair for pair in sizes):
                    problems[key] = f"images without width/height: {sizes}"
                if name in ("home", "article", "search"):
                    assert page.locator("main picture img").count() >= 1, key
                page.screenshot(path=str(ARTIFACTS / f"reader-{name}-{language}-{width}.png"), full_page=True)
        finally:
            context.close()
    assert problems == {}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_copy_link_button_copies_the_address(live_demo, chromium, language, wait_for_js):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_demo)
    page = context.new_page()
    try:
        page.goto(live_demo + article.url)
        button = page.locator("button[data-copy-link]")
        button.click()
        status = {"en": "Link copied.", "ru": "Ссылка скопирована."}[language]
        wait_for_js(page, f"document.querySelector('.share-status').textContent === {status!r}")
        assert page.evaluate("navigator.clipboard.readText()") == article.full_url
        page.emulate_media(media="print")
        assert not page.locator("nav.share").is_visible()
        assert page.locator("h1.headline").is_visible()
    finally:
        context.close()
