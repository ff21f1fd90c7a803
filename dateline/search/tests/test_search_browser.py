"""The search page in headless Chromium, desktop and phone widths, both editions.

The reader types into the site header's search form; the results page shows highlighted
matches, the filters fit the screen, and nothing runs wider than the screen. Screenshots
go to ``test-artifacts/`` for people to look at.
"""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
QUERIES = {"en": ("treaties", "Search"), "ru": ("договора", "Поиск")}


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
def test_search_from_the_header_at_desktop_and_phone_widths(live_demo, chromium, language):
    from dateline.news.models import ArticlePage

    reference = ArticlePage.objects.get(locale__language_code=language)
    query, title_word = QUERIES[language]
    for device, (width, height) in WIDTHS.items():
        context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        page = context.new_page()
        try:
            assert page.goto(f"{live_demo}/{language}/").status == 200
            page.fill("#site-search", query)
            page.press("#site-search", "Enter")
            page.wait_for_url("**/search/?q=*")
            assert page.title().startswith(f"{title_word} / ")
            assert page.locator("html").get_attribute("lang") == language
            first = page.locator(".search-result").first
            assert first.locator("h2 a").inner_text() == reference.title
            marks = page.locator(".search-results mark")
            assert marks.count() >= 1
            assert marks.first.is_visible()
            assert page.evaluate(
                "getComputedStyle(document.querySelector('.search-results mark')).backgroundColor"
            ) != ("rgba(0, 0, 0, 0)")
            assert page.locator("select[name=section]").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"search-{language}-{device}.png"), full_page=True)
            # an absurd query from the page's own form: a normal page, no results
            page.fill("main input[name=q]", '"; DROP TABLE NEAR(*')
            page.press("main input[name=q]", "Enter")
            page.wait_for_load_state()
            assert page.locator(".search-result").count() == 0
            assert page.locator("main h1").is_visible()
        finally:
            context.close()
