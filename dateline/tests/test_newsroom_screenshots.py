"""The newsroom in headless Chromium, both languages, desktop and phone widths.

Public side: an article with a correction, an update time, urgency and the breaking
banner; the 410 notice of a withdrawn article. Admin side: the article listing, an
article's editor with its embargo, and a reporter's draft waiting in "Editor approval".
Screenshots go to ``test-artifacts/newsroom-*.png`` for people to look at; the
assertions check what each user needs to see, and that nothing runs wider than the screen.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
PASSWORD = "screens-pass"


def newsroom_state():
    """Dress the demo: correction, update, flash urgency, breaking banner, a withdrawn and an embargoed article."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow
    from wagtail.users.models import UserProfile

    from dateline.news.models import ArticleCorrection, ArticlePage, SectionPage
    from dateline.newsroom.roles import apply_roles, ensure_section_reporters_group
    from dateline.newsroom.withdrawals import withdraw

    apply_roles(apps)  # a transactional test before this one flushed the migrations' groups
    notes = {
        "en": ("An earlier version of this article said the press conference was held in Berlin. It was in Moscow."),
        "ru": "В предыдущей версии статьи говорилось, что пресс-конференция прошла в Берлине. Она прошла в Москве.",
    }
    withdrawn_reasons = {
        "en": "The agency could not confirm the report with a second source.",
        "ru": "Агентство не смогло подтвердить сообщение вторым источником.",
    }
    for language in ("en", "ru"):
        article = ArticlePage.objects.filter(locale__language_code=language).order_by("pk").first()
        page = article.get_latest_revision_as_object()
        page.corrections.add(ArticleCorrection(text=notes[language], noted_at=timezone.now()))
        page.body = page.body + "<p>.</p>"
        page.urgency = "flash"
        page.breaking = True
        page.breaking_until = timezone.now() + timedelta(hours=2)
        page.save_revision().publish()
        section = SectionPage.objects.get(locale__language_code=language)
        gone = ArticlePage(
            title={"en": "Report on talks withdrawn", "ru": "Сообщение о переговорах отозвано"}[language],
            slug="withdrawn-report",
            body="<p>x</p>",
        )
        section.add_child(instance=gone)
        gone.save_revision().publish()
        withdraw(ArticlePage.objects.get(pk=gone.pk), withdrawn_reasons[language])
        embargoed = ArticlePage(
            title={"en": "Budget figures (embargoed)", "ru": "Бюджет (под эмбарго)"}[language],
            slug="budget-embargoed",
            lead="",
            body="<p>x</p>",
            urgency="urgent",
            embargo=timezone.now() + timedelta(hours=5),
        )
        section.add_child(instance=embargoed)
        embargoed.save_revision().publish()

    users = {}
    for name, group, language in [
        ("editor", "Editors", "en"),
        ("redaktor", "Editors", "ru"),
        ("reporter", "Reporters", "en"),
    ]:
        user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD, first_name=name.title())
        user.groups.add(Group.objects.get(name=group))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        users[name] = user
    en_news = SectionPage.objects.get(locale__language_code="en")
    users["reporter"].groups.add(ensure_section_reporters_group(en_news))
    draft = ArticlePage(
        title="Reporter's draft: ministers meet in Geneva", slug="ministers-geneva", body="<p>x</p>", live=False
    )
    en_news.add_child(instance=draft)
    draft.save_revision(user=users["reporter"])
    Workflow.objects.get(name="Editor approval").start(draft, users["reporter"])
    return users, draft


def shoot(chromium, url, name, device, login=None):
    width, height = WIDTHS[device]
    context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        if login:
            base = url.split("/admin/")[0] if "/admin/" in url else url.rsplit("/", 3)[0]
            page.goto(base + "/admin/login/")
            page.fill("input[name=username]", login)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/admin/**")
        response = page.goto(url)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"newsroom-{name}-{device}.png"), full_page=not login)
        return page, response, context
    except Exception:
        context.close()
        raise


@pytest.mark.browser
@pytest.mark.parametrize("device", WIDTHS)
def test_newsroom_screens(live_demo, chromium, device):
    from dateline.news.models import ArticlePage

    users, draft = newsroom_state()
    width = WIDTHS[device][0]
    for language, word, banner_word, gone_word in [
        ("en", "Correction,", "Breaking news", "This article has been withdrawn"),
        ("ru", "Исправление,", "Срочно", "Эта статья отозвана"),
    ]:
        article = ArticlePage.objects.filter(locale__language_code=language).order_by("pk").first()
        page, response, context = shoot(chromium, live_demo + article.url, f"article-correction-{language}", device)
        try:
            assert response.status == 200
            assert word in page.locator(".article-notes").inner_text()
            assert banner_word.lower() in page.locator(".breaking-banner").inner_text().lower()
            assert page.locator(".article-updated").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()
        page, response, context = shoot(chromium, live_demo + f"/{language}/", f"home-breaking-{language}", device)
        try:
            assert page.locator(".breaking-banner").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()
        gone_url = f"{live_demo}/{language}/{'news'}/withdrawn-report/"
        page, response, context = shoot(chromium, gone_url, f"withdrawn-410-{language}", device)
        try:
            assert response.status == 410
            assert gone_word in page.locator("h1").inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()

    embargoed = ArticlePage.objects.get(locale__language_code="en", slug="budget-embargoed")
    for login, language in [("editor", "en"), ("redaktor", "ru")]:
        shots = [
            (f"{live_demo}/admin/articles/", f"admin-listing-{language}"),
            (f"{live_demo}/admin/pages/{embargoed.pk}/edit/", f"admin-edit-embargo-{language}"),
            (f"{live_demo}/admin/", f"admin-workflow-dashboard-{language}"),
            (f"{live_demo}/admin/pages/{draft.pk}/edit/", f"admin-workflow-draft-{language}"),
        ]
        for url, name in shots:
            page, response, context = shoot(chromium, url, name, device, login=login)
            try:
                assert response.status == 200, url
                if "edit-embargo" in name:
                    field = page.locator("#id_embargo")
                    field.scroll_into_view_if_needed()
                    page.screenshot(path=str(ARTIFACTS / f"newsroom-{name}-{device}.png"))
                    assert field.is_visible()
                if "listing" in name:
                    assert "Budget figures (embargoed)" in page.content()
            finally:
                # Left while the database exists: leaving an edit page sends Wagtail's editing-session
                # release beacon, which must not reach the live server during the teardown's flush.
                page.goto("about:blank")
                page.wait_for_timeout(300)
                context.close()
