"""Content-Security-Policy in headless Chromium: every reader page kind and the admin screens editors use.

Each page is visited with a ``securitypolicyviolation`` listener installed before any
script runs, and the console is watched too; any violation fails the test. The article
page is exercised (reader state, the comment form with its counter, the error dialog),
and the admin's editor is opened, so that what scripts do after loading is covered too.
"""

import pytest

pytestmark = pytest.mark.browser

LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watch:
    """Collects CSP violations of one browser page: the DOM events and the console's reports."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTENER)
        page.on(
            "console",
            lambda msg: self.console.append(msg.text) if "Content Security Policy" in msg.text else None,
        )

    def visit(self, url, wait_for=None):
        response = self.page.goto(url)
        assert response is not None and response.status < 400, (url, response and response.status)
        assert "content-security-policy" in {k.lower() for k in response.headers}, url
        if wait_for:
            self.page.wait_for_selector(wait_for)
        self.page.wait_for_load_state("networkidle")
        self.check(url)

    def check(self, where):
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [] and self.console == [], (where, violations, self.console)


def reader_urls(base):
    from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage

    urls = []
    for language in ("en", "ru"):
        edition = EditionPage.objects.get(locale__language_code=language)
        section = SectionPage.objects.filter(locale=edition.locale).live().first()
        article = ArticlePage.objects.filter(locale=edition.locale).live().first()
        dossier = DossierPage.objects.filter(locale=edition.locale).live().first()
        tag = article.tags.first()
        urls += [edition.url, section.url, dossier.url, f"/{language}/search/?q=treaty"]
        if tag:
            urls.append(f"{edition.url}tags/{tag.slug}/")
        urls += [f"/{language}/-/comments/{article.pk}/new/", f"/{language}/-/errorreports/{article.pk}/"]
        urls.append(f"/{language}/no-such-page/")  # the 404 page is a page readers see too
    return [base + u for u in urls]


def test_reader_pages_pass_the_csp(live_demo, chromium):
    from dateline.news.models import ArticlePage

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = Watch(page)
    try:
        for url in reader_urls(live_demo):
            response = page.goto(url)
            assert response.status in (200, 404), url
            page.wait_for_load_state("networkidle")
            watch.check(url)
        for article in ArticlePage.objects.live():
            watch.visit(live_demo + article.url, wait_for="[data-comment-form]:not([hidden])")
            page.fill("[data-comment-form] textarea[name=body]", "Счётчик 😀")
            page.wait_for_selector("[data-char-counter]:not([hidden])")
            page.locator("[data-rating] button").first.wait_for()
            watch.check(article.url + " (after typing)")
    finally:
        context.close()


def test_admin_screens_pass_the_csp(live_demo, chromium, django_user_model):
    from wagtail.models import Collection

    from dateline.comments.models import ReaderComment
    from dateline.news.models import ArticlePage, EditionPage

    if not Collection.objects.exists():  # the live server's flushed database lost the migration's root
        Collection.add_root(name="Root")
    article = ArticlePage.objects.get(locale__language_code="en")
    ReaderComment.objects.create(
        article=article, name="Анна", body="Текст", language="ru", reader_hash="r", ip_hash="i", form_nonce="n"
    )
    django_user_model.objects.create_superuser("editor", "editor@example.com", "correct-horse-battery")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch = Watch(page)
    try:
        watch.visit(live_demo + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "correct-horse-battery")
        page.locator("form button[type=submit]").click()
        page.wait_for_url("**/admin/")
        watch.check("dashboard")
        edition = EditionPage.objects.get(locale__language_code="en")
        for path in [
            "/admin/",
            f"/admin/pages/{edition.pk}/",  # page explorer
            f"/admin/pages/{article.get_parent().pk}/",
            f"/admin/pages/{article.pk}/edit/",  # the editor: rich text, choosers, panels
            "/admin/reader-comments/",
            f"/admin/reader-comments/inspect/{ReaderComment.objects.get().pk}/",
            "/admin/snippets/errorreports/errorreport/",  # the error-report queue
            "/admin/security/lockouts/",
            "/admin/security/failures/",
        ]:
            watch.visit(live_demo + path)
        # the editor's widgets at work: the choosers' modals (loaded by script) and the date picker;
        # the page is loaded afresh for each chooser, so that no closing modal is in the way
        # a new article's form: its choosers are empty, so their "Choose" buttons show (a filled one hides it)
        edit_url = live_demo + f"/admin/pages/add/news/articlepage/{article.get_parent().pk}/"
        page.goto(edit_url)
        page.wait_for_load_state("networkidle")
        # the choosers may sit on another tab of the editor (e.g. the lead image's): find the first tab with one
        tab, visible = None, []
        for tab in [None, *range(page.locator("[role=tab]").count())]:
            if tab is not None:
                page.locator("[role=tab]").nth(tab).click()
            visible = [i for i, c in enumerate(page.locator("[data-chooser-action-choose]").all()) if c.is_visible()]
            if visible:
                break
        opened = 0
        for index in visible[:1]:  # one chooser: they share the modal workflow and its scripts
            page.goto(edit_url)
            page.wait_for_load_state("networkidle")
            if tab is not None:
                page.locator("[role=tab]").nth(tab).click()
            page.locator("[data-chooser-action-choose]").nth(index).click()
            try:
                page.locator(".modal-content:visible").first.wait_for(timeout=20_000)
            except Exception:
                watch.check("chooser modal that did not open")  # a blocked script would show here
                raise
            opened += 1
            page.wait_for_load_state("networkidle")
            watch.check("chooser modal")
        assert opened >= 1
        assert page.evaluate("typeof window.initDateTimeChooser") == "function"
        watch.check("edit page, after the choosers")
    finally:
        context.close()
