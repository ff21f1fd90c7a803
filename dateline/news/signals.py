"""Signals the news app sends when what public pages show has changed."""

import django.dispatch

#: Sent when public pages changed outside Wagtail's own page signals.
#: Keyword arguments: ``pages`` (iterable of Page) and ``locales`` (iterable of
#: Locale whose every page is affected). Receivers purge cached copies.
pages_changed = django.dispatch.Signal()
