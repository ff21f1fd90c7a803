"""Wagtail search backend of Dateline: the database backend, one text search configuration per locale.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "dateline.search.backend"`` gives:

* on PostgreSQL, Wagtail's PostgreSQL full-text backend (``modelsearch``), except that
  each object is indexed with the text search configuration of its locale
  (``LOCALE_SEARCH_CONFIGS``, e.g. ``{"en": "english", "ru": "russian"}``); objects without
  a locale (images, documents) use ``SEARCH_CONFIG``;
* on SQLite (and any other database), Wagtail's own database backend, unchanged.

Why not two backends ``"en"`` and ``"ru"``: every database backend writes to the one
``wagtailsearch_indexentry`` table, unique per (content type, object id), so a second
backend would overwrite the first one's entries with its own configuration.
"""

from __future__ import annotations

import copy
from collections import defaultdict

from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as database_search_backend

#: Backend alias used by the reader-facing search.
BACKEND_ALIAS = "default"


def _postgres_backend_class():
    """Build the PostgreSQL backend class (imported lazily: psycopg is needed only there)."""
    from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

    class LocaleConfigPostgresIndex(PostgresIndex):
        """Index entries written with the text search configuration of each object's locale."""

        def add_items(self, model, objs):
            groups: dict[str | None, list] = defaultdict(list)
            for obj in objs:
                groups[self.backend.config_for_object(obj)].append(obj)
            for config, group in groups.items():
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)

    class LocaleConfigPostgresSearchBackend(PostgresSearchBackend):
        """PostgreSQL full-text search with ``LOCALE_SEARCH_CONFIGS`` (language code → configuration)."""

        index_class = LocaleConfigPostgresIndex

        def __init__(self, params):
            super().__init__(params)
            self.locale_configs = dict(params.get("LOCALE_SEARCH_CONFIGS") or {})
            self._language_codes: dict[int, str] = {}  # Locale pk → language code, filled on first use

        def config_for_object(self, obj) -> str | None:
            """The configuration to index ``obj`` with: its locale's, else ``SEARCH_CONFIG``."""
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is None or not self.locale_configs:
                return self.config
            if locale_id not in self._language_codes:
                from wagtail.models import Locale

                self._language_codes.update(Locale.objects.values_list("pk", "language_code"))
            return self.locale_configs.get(self._language_codes.get(locale_id), self.config)

    return LocaleConfigPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Return the backend for the ``default`` database: per-locale PostgreSQL FTS, else Wagtail's own."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    return database_search_backend(params)


def backend_for_language(language_code: str):
    """Return the search backend that queries an edition in ``language_code``.

    With ``LOCALE_SEARCH_CONFIGS`` set on the ``default`` backend, the query is parsed with
    that language's configuration (the one its articles were indexed with); any other
    backend (SQLite, Elasticsearch, OpenSearch) is returned as configured.
    """
    params = settings.WAGTAILSEARCH_BACKENDS.get(BACKEND_ALIAS, {})
    config = (params.get("LOCALE_SEARCH_CONFIGS") or {}).get(language_code)
    if config and params.get("BACKEND") == __name__ and connection.vendor == "postgresql":
        return get_search_backend(BACKEND_ALIAS, SEARCH_CONFIG=config)
    return get_search_backend(BACKEND_ALIAS)
