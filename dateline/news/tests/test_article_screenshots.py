"""The article page in headless Chromium at desktop and phone widths.

Screenshots are written to ``test-artifacts/`` for people to look at; the
assertions check what a reader needs: the headline, the body and the dossier
box are visible, and nothing runs wider than the screen.
"""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("device", WIDTHS)
def test_article_page_renders_at_desktop_and_phone_widths(live_demo, chromium, language, device):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    width, height = WIDTHS[device]
    context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    try:
        response = page.goto(live_demo + article.url)
        assert response.status == 200
        assert page.locator("h1.headline").inner_text() == article.title
        assert page.locator("h1.headline").is_visible()
        assert page.locator(".dossier-box").is_visible()
        # the dossier box follows the body
        body_box = page.locator(".article-body").bounding_box()
        dossier_box = page.locator(".dossier-box").bounding_box()
        assert dossier_box["y"] > body_box["y"] + body_box["height"] - 1
        # no horizontal scrolling on any width
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"article-{language}-{device}.png"), full_page=True)
    finally:
        context.close()
