"""The reader's own state on an article, gathered from the reader apps.

Each app registers a provider in its ``AppConfig.ready``::

    register_state_provider("ratings", ratings_state)

A provider takes ``(request, article)`` and returns a JSON-serialisable dict
(the reader's vote, pending comments...). ``readers.views.reader_state`` serves
them all in one small request after the cached page has loaded.
"""

from collections.abc import Callable

StateProvider = Callable[..., dict]
_providers: dict[str, StateProvider] = {}


def register_state_provider(name: str, provider: StateProvider) -> None:
    """Register ``provider`` under ``name`` (the key of its dict in the state JSON)."""
    _providers[name] = provider


def collect_state(request, article) -> dict:
    """Return ``{name: provider(request, article)}`` for every registered provider."""
    return {name: provider(request, article) for name, provider in sorted(_providers.items())}
