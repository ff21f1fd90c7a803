"""The comment box counts characters as the server does (code points), in headless Chromium.

A ``maxlength`` attribute counts UTF-16 units: an emoji at the end of a 5,000-character
comment was cut in half by the browser. The counter counts code points, shows the
count, and keeps an over-long text from being sent (the text stays in the box).
Screenshots: ``test-artifacts/comments-counter-<language>-<width>.png``.
"""

from pathlib import Path

import pytest

from dateline.comments.models import ReaderComment

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
FULL = {"en": "5,000 of 5,000 characters", "ru": "5\u00a0000 из 5\u00a0000 символов"}
OVER = {
    "en": "Too long: 5,001 characters, at most 5,000",
    "ru": "Слишком длинно: символов — 5\u00a0001, можно не более 5\u00a0000",
}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_emoji_at_the_end_is_one_character_and_arrives_whole(live_demo, chromium, language):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    for width in (1280, 390):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            page.goto(live_demo + article.url)
            page.wait_for_selector("[data-comment-form]:not([hidden])")
            box = page.locator("[data-comment-form] textarea[name=body]")
            assert box.get_attribute("maxlength") is None
            body = "x" * 4999 + "😀"  # 5,000 characters, 5,001 UTF-16 units
            box.fill(body + "y")
            counter = page.locator("[data-comment-form] [data-char-counter]")
            assert counter.inner_text().replace("\u202f", "\u00a0") == OVER[language]
            assert "comment-counter--over" in counter.get_attribute("class")
            page.fill("[data-comment-form] input[name=name]", "Anna")
            ARTIFACTS.mkdir(exist_ok=True)
            page.locator("[data-comment-form]").screenshot(
                path=str(ARTIFACTS / f"comments-counter-{language}-{width}-over.png")
            )
            page.click("[data-comment-form] [data-submit]")
            page.wait_for_timeout(500)
            assert not ReaderComment.objects.exists()  # not sent ...
            assert box.input_value() == body + "y"  # ... and nothing lost
            box.fill(body)
            assert counter.inner_text().replace("\u202f", "\u00a0") == FULL[language]
            page.locator("[data-comment-form]").screenshot(
                path=str(ARTIFACTS / f"comments-counter-{language}-{width}.png")
            )
            if width == 1280:
                page.click("[data-comment-form] [data-submit]")
                page.wait_for_selector(".comment--pending")
                stored = ReaderComment.objects.get()
                assert stored.body == body  # the emoji arrived whole
                assert len(stored.body) == 5000
                stored.delete()
        finally:
            context.close()
