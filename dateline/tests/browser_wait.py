"""Waiting in browser tests for a condition in the page, under Dateline's Content-Security-Policy."""

from __future__ import annotations

import time

#: Seconds between two checks, and the default wait (seconds).
POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 10.0


def wait_for_js(page, expression: str, arg=None, timeout: float = TIMEOUT_SECONDS):
    """Return the value of ``expression`` in ``page`` once it is truthy; AssertionError after ``timeout`` seconds.

    ``expression`` is what ``page.evaluate`` takes: an expression, or a function of ``arg``.
    Playwright's own ``page.wait_for_function`` builds its polling predicate with ``eval`` in
    the page whenever the first check fails, and the site's policy (``script-src 'self'``, no
    ``'unsafe-eval'``) refuses that: the test then fails or passes by timing alone. This polls
    ``page.evaluate`` from Python instead, which the policy does not concern.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg) if arg is not None else page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        time.sleep(POLL_SECONDS)
