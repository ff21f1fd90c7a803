"""The stars in headless Chromium, in both editions: with JavaScript (in place) and without (form POST).

Screenshots of the widget and of the no-JavaScript rating page go to test-artifacts/ratings-*.png.
"""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
TEXTS = {
    "en": {
        "label": "Rate it",
        "none": "No votes yet",
        "one": "1 vote",
        "two": "2 votes",
        "avg4": "4.0",
        "avg2": "2.0",
        "avg35": "3.5",
        "thanks": "Thank you! Your vote: 4 of 5.",
        "changed": "Your vote is changed: 2 of 5.",
        "mine2": "Your vote: 2 of 5",
        "mine4": "Your vote: 4 of 5",
        "confirm": "Confirm my vote",
    },
    "ru": {
        "label": "Оцените",
        "none": "Оценок пока нет",
        "one": "1 голос",
        "two": "2 голоса",
        "avg4": "4,0",
        "avg2": "2,0",
        "avg35": "3,5",
        "thanks": "Спасибо! Ваша оценка: 4 из 5.",
        "changed": "Ваша оценка изменена: 2 из 5.",
        "mine2": "Ваша оценка: 2 из 5",
        "mine4": "Ваша оценка: 4 из 5",
        "confirm": "Подтвердить оценку",
    },
}


def article_in(language):
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code=language)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
def test_rating_in_place_with_javascript(live_demo, chromium, language):
    from playwright.sync_api import expect

    from dateline.ratings.summary import figures_of

    texts = TEXTS[language]
    article = article_in(language)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_demo + article.url)
        widget = page.locator("#rating")
        expect(widget.locator("h2")).to_have_text(texts["label"])
        expect(widget.locator("[data-rating-count]")).to_have_text(texts["none"])
        page.evaluate("window.__sameDocument = true")

        widget.locator("button[value='4']").click()
        expect(widget.locator("[data-rating-count]")).to_have_text(texts["one"])
        expect(widget.locator("[data-rating-average]")).to_have_text(texts["avg4"])
        expect(widget.locator("[data-rating-status]")).to_have_text(texts["thanks"])
        expect(widget.locator("button[value='4']")).to_have_attribute("aria-pressed", "true")
        assert page.evaluate("window.__sameDocument") is True  # no reload
        assert figures_of(article.pk) == (1, 4)

        widget.locator("button[value='2']").focus()  # the keyboard: Tab to a star, Enter
        page.keyboard.press("Enter")
        expect(widget.locator("[data-rating-status]")).to_have_text(texts["changed"])
        expect(widget.locator("[data-rating-count]")).to_have_text(texts["one"])
        expect(widget.locator("[data-rating-average]")).to_have_text(texts["avg2"])
        assert figures_of(article.pk) == (1, 2)

        other = context.browser.new_context(viewport={"width": 390, "height": 844})  # another reader
        try:
            second = other.new_page()
            second.goto(live_demo + article.url)
            second.locator("#rating button[value='5']").click()
            expect(second.locator("#rating [data-rating-count]")).to_have_text(texts["two"])
            expect(second.locator("#rating [data-rating-average]")).to_have_text(texts["avg35"])
        finally:
            other.close()

        page.reload()  # the reader's own vote comes back from the state request
        expect(widget.locator("button[value='2']")).to_have_attribute("aria-pressed", "true")
        expect(widget.locator("[data-rating-status]")).to_have_text(texts["mine2"])
        expect(widget.locator("[data-rating-count]")).to_have_text(texts["two"])
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
def test_rating_without_javascript(live_demo, chromium, language):
    from playwright.sync_api import expect

    from dateline.ratings.summary import figures_of

    texts = TEXTS[language]
    article = article_in(language)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_demo + article.url)
        page.locator("#rating button[value='4']").click()
        page.wait_for_url(f"**/{language}/-/ratings/{article.pk}/?stars=4")
        expect(page.locator("input[name='stars'][value='4']")).to_be_checked()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"ratings-nojs-page-{language}-phone.png"), full_page=True)
        page.get_by_role("button", name=texts["confirm"]).click()
        page.wait_for_url(f"**{article.url}?rated=4#rating")
        expect(page.locator("#rating [data-rating-status]")).to_have_text(texts["mine4"])
        expect(page.locator("#rating [data-rating-count]")).to_have_text(texts["one"])
        assert figures_of(article.pk) == (1, 4)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ru"])
def test_stars_screenshots(live_demo, chromium, language):
    from playwright.sync_api import expect

    from dateline.ratings import actions

    texts = TEXTS[language]
    article = article_in(language)
    for n, stars in enumerate([5, 4, 4, 5, 3, 4, 5, 4, 5, 4, 4, 5]):  # 12 votes, average 4.3
        actions.cast_vote(article_id=article.pk, stars=stars, reader_id=f"{n:032x}", ip_hash=f"ip{n}")
    for device, (width, height) in WIDTHS.items():
        context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            page.goto(live_demo + article.url)
            widget = page.locator("#rating")
            expect(widget.locator("[data-rating-average]")).to_have_text("4.3" if language == "en" else "4,3")
            widget.scroll_into_view_if_needed()
            ARTIFACTS.mkdir(exist_ok=True)
            widget.screenshot(path=str(ARTIFACTS / f"ratings-widget-before-{language}-{device}.png"))
            widget.locator("button[value='4']").click()
            expect(widget.locator("[data-rating-status]")).to_have_text(texts["thanks"])
            buttons = widget.locator("button[name='stars']")
            for i in range(5):
                box = buttons.nth(i).bounding_box()
                assert box["width"] >= 40 and box["height"] >= 40  # big enough for a finger
                assert box["x"] >= 0 and box["x"] + box["width"] <= width
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            widget.scroll_into_view_if_needed()
            page.mouse.move(0, 0)  # no hover effect in the picture
            page.screenshot(path=str(ARTIFACTS / f"ratings-{language}-{device}.png"))
            widget.screenshot(path=str(ARTIFACTS / f"ratings-widget-{language}-{device}.png"))
        finally:
            context.close()
