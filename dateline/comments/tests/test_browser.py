"""Comments in headless Chromium, in both editions: post a comment, see it awaiting moderation,
approve it in the admin queue, and see it published. Screenshots of the thread and the form go to
``test-artifacts/comments-*.png`` (desktop 1280 and phone 390 widths)."""

from pathlib import Path

import pytest

from dateline.comments.models import CommentState, ReaderComment

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
AWAITING = {"en": "Awaiting moderation", "ru": "Ожидает проверки модератором"}
THANKS = {
    "en": "Thank you. Your comment will appear after a moderator approves it.",
    "ru": "Спасибо! Комментарий появится после проверки модератором.",
}
COUNT_ONE = {"en": "1 comment", "ru": "1 комментарий"}
NO_COMMENTS = {"en": "No comments yet", "ru": "Комментариев пока нет"}
APPROVED_MESSAGE = {"en": "1 comment approved.", "ru": "1 комментарий одобрен."}
BODY = {
    "en": "Geneva talks matter. <script>window.hacked = 1</script>\nDetails: https://example.org/inf",
    "ru": 'Переговоры в Женеве важны. <img src=x onerror="window.hacked=1">\nПодробнее: https://example.org/inf',
}
NAME = {"en": "Anna Reader", "ru": "Анна Читательница"}


def article_of(language):
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code=language)


def open_article(page, url):
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_selector("[data-comment-form]:not([hidden])")


def send_comment(page, language):
    page.fill("[data-comment-form] input[name=name]", NAME[language])
    page.fill("[data-comment-form] textarea[name=body]", BODY[language])
    page.click("[data-comment-form] [data-submit]")
    page.wait_for_selector(".comment--pending")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_post_comment_see_it_pending_then_approved(live_demo, chromium, django_user_model, language):
    from wagtail.users.models import UserProfile

    article = article_of(language)
    url = live_demo + article.url
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        open_article(page, url)
        assert page.locator("[data-comments-count]").inner_text() == NO_COMMENTS[language]
        send_comment(page, language)
        # "No comments yet" is not shown beside the reader's own comment awaiting moderation
        assert not page.locator("[data-comments-count]").is_visible()
        pending = page.locator(".comment--pending")
        assert pending.locator(".comment-badge").inner_text() == AWAITING[language]
        assert pending.locator(".comment-body").inner_text() == BODY[language]  # text, not markup
        assert page.locator("[data-form-status]").inner_text() == THANKS[language]
        assert page.evaluate("window.hacked") is None
        comment = ReaderComment.objects.get()
        assert comment.state == CommentState.PENDING
        assert comment.body == BODY[language]  # as the browser sent it, its CRLF line breaks stored as LF
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#comments").screenshot(path=str(ARTIFACTS / f"comments-{language}-desktop-pending.png"))

        # the reader comes back: still awaiting moderation, for them only
        page.reload()
        page.wait_for_selector(".comment--pending")
        assert page.locator(".comment--pending .comment-badge").inner_text() == AWAITING[language]
        assert not page.locator("[data-comments-count]").is_visible()

        # an editor approves it in the admin queue (in the editor's language)
        editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "secret-pw-1")
        profile = UserProfile.get_for_user(editor)
        profile.preferred_language = language
        profile.save()
        admin = context.new_page()
        admin.set_default_timeout(10_000)
        admin.goto(live_demo + "/admin/login/")
        admin.fill("input[name=username]", "editor")
        admin.fill("input[name=password]", "secret-pw-1")
        admin.click("button[type=submit]")
        admin.wait_for_url("**/admin/")
        admin.goto(live_demo + f"/admin/reader-comments/?state=pending&article={article.pk}")
        admin.check(f'input[data-object-id="{comment.pk}"]')
        admin.click('a[data-bulk-action-button][href$="/approve/"]')
        admin.click("form[action*='/admin/bulk/'] button[type=submit]")
        admin.wait_for_selector(".messages li.success", state="attached")
        assert APPROVED_MESSAGE[language] in admin.locator(".messages").inner_text()
        comment.refresh_from_db()
        assert comment.state == CommentState.APPROVED

        # a new reader (no cache, no cookie) sees it in the article's own HTML, escaped, link marked
        other = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        open_article(other, url)
        published = other.locator(f"#comment-{comment.pk}")
        assert published.locator(".comment-author").inner_text() == NAME[language]
        assert published.locator(".comment-badge").count() == 0
        assert other.locator("[data-comments-count]").inner_text() == COUNT_ONE[language]
        link = published.locator(".comment-body a")
        assert link.get_attribute("href") == "https://example.org/inf"
        assert link.get_attribute("rel") == "nofollow ugc"
        assert published.locator(".comment-body script, .comment-body img").count() == 0
        assert other.evaluate("window.hacked") is None
        other.context.close()

        # and the author, reloading, sees it published, no longer awaiting moderation
        page.reload()
        page.wait_for_selector(f"#comment-{comment.pk}")
        assert page.locator(".comment--pending").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_comment_thread_screenshots(live_demo, chromium, language):
    """A thread with an approved comment, a reply and the reader's own pending comment, at desktop and
    phone widths, and the no-JavaScript form page; nothing runs wider than the screen."""
    from django.test import Client

    from dateline.comments import actions

    from .conftest import post_json

    article = article_of(language)
    post_json(Client(), article, body=BODY[language], name=NAME[language])
    top = ReaderComment.objects.get()
    actions.moderate([top], CommentState.APPROVED)
    reply = {"en": "Agreed, thanks for the link.", "ru": "Согласен, спасибо за ссылку."}[language]
    post_json(Client(), article, body=reply, name={"en": "Boris", "ru": "Борис"}[language], parent=str(top.pk))
    actions.moderate(ReaderComment.objects.exclude(pk=top.pk), CommentState.APPROVED)
    ARTIFACTS.mkdir(exist_ok=True)

    for device, (width, height) in {"desktop": (1280, 900), "phone": (390, 844)}.items():
        context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            open_article(page, live_demo + article.url)
            page.fill("[data-comment-form] input[name=name]", {"en": "Clara", "ru": "Клара"}[language])
            text = {"en": "Waiting for a moderator.", "ru": "Жду модератора."}[language]
            page.fill("[data-comment-form] textarea[name=body]", text + f" ({device})")
            page.click("[data-comment-form] [data-submit]")
            page.wait_for_selector(".comment--pending")
            page.click(f'[data-reply-to="{top.pk}"]')
            assert page.locator(f"#comment-{top.pk} [data-comment-form]").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
            page.locator("#comments").screenshot(path=str(ARTIFACTS / f"comments-{language}-{device}.png"))

            page.goto(live_demo + f"/{language}/-/comments/{article.pk}/new/?parent={top.pk}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(ARTIFACTS / f"comments-{language}-{device}-nojs-form.png"), full_page=True)
        finally:
            context.close()
