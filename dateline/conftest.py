"""Fixtures shared by every app's tests: the demo site and its pages."""

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a test client request to /ru/ leaves Russian
    active in the thread (LocaleMiddleware activates it), which a later test calling code
    directly would otherwise inherit, depending on the order the tests run in."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_default_cache():
    """Each test starts with an empty default cache and nothing kept by the process (article cards, pictures,
    tree values): what one test cached (hidden subtrees, rate-limit counters, cards) describes rows its
    rolled-back transaction took away."""
    from django.core.cache import cache

    from dateline.news.fragments import clear_fragments
    from dateline.news.visibility import kept_here

    cache.clear()
    clear_fragments()
    kept_here.clear()
    yield


@pytest.fixture
def demo(db):
    """Load the demo content (both editions, the reference article) and return its report."""
    from dateline.news.demo_content import load_demo_content

    return load_demo_content()


@pytest.fixture
def en_article(demo):
    """The reference article in the English edition."""
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code="en")


@pytest.fixture
def ru_article(demo):
    """The agency's Russian translation of the reference article."""
    from dateline.news.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code="ru")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def free_port() -> int:
    """A loopback TCP port nobody listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def wait_for_js():
    """A function ``wait(page, expression, arg=None, timeout=10)``: the value of ``expression`` once truthy.

    ``expression`` is what ``page.evaluate`` takes (an expression, or a function of ``arg``); an
    AssertionError after ``timeout`` seconds. Playwright's own ``page.wait_for_function`` builds its
    polling predicate with ``eval`` in the page whenever the first check fails, which the site's
    policy (``script-src 'self'``, no ``'unsafe-eval'``) refuses: such a test passes or fails by
    timing alone. This polls ``page.evaluate`` from Python every 50 ms instead.
    """
    import time

    def wait(page, expression: str, arg=None, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while True:
            value = page.evaluate(expression, arg) if arg is not None else page.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
            time.sleep(0.05)

    return wait


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    import os

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context and page (desktop width, 1280x900) for one test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    # Leave the page while the test's database still exists: an admin page sends Wagtail's
    # editing-session release beacon when it is left, and a beacon that reached the live server
    # during the teardown's flush made the flush fail ("database table is locked").
    page.goto("about:blank")
    page.wait_for_timeout(300)
    context.close()


@pytest.fixture
def live_demo(live_server, transactional_db, settings):
    """The demo content served by a live server; returns the server's base URL."""
    from urllib.parse import urlparse

    from wagtail.models import Site

    from dateline.news.demo_content import load_demo_content

    load_demo_content()
    url = urlparse(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=url.hostname, port=url.port)
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url
