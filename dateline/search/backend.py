"""Wagtail search backend of Dateline: the database backend, one text search configuration per locale.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "dateline.search.backend"`` gives:

* on PostgreSQL, Wagtail's PostgreSQL full-text backend (``modelsearch``), except that
  each object is indexed with the text search configuration of its locale
  (``LOCALE_SEARCH_CONFIGS``, e.g. ``{"en": "english", "ru": "russian"}``); objects without
  a locale (images, documents) use ``SEARCH_CONFIG``;
* on SQLite with FTS5 (the default install), Wagtail's SQLite backend with Snowball stemming
  in Python (``dateline.search.stemming``): headlines and texts are indexed as stems in the
  language of their edition, and queries are stemmed the same way (FTS5 has no Russian
  stemmer); ``LANGUAGE`` in the parameters (set by ``backend_for_language``) names the
  edition whose stemmer queries use;
* on any other database, Wagtail's own database backend, unchanged.

Why not two backends ``"en"`` and ``"ru"``: every database backend writes to the one
``wagtailsearch_indexentry`` table, unique per (content type, object id), so a second
backend would overwrite the first one's entries with its own configuration.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from django.conf import settings
from django.db import connection, connections
from django.utils.functional import cached_property
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as database_search_backend

#: Backend alias used by the reader-facing search.
BACKEND_ALIAS = "default"


#: An unranked search sliced to its first rows walks the queryset's own order in batches of this
#: many rows at first (articles), growing fourfold (see ``OrderedWalk``).
WALK_BATCH = 500
#: Rows walked at most before the search reads every match instead (a rare word: few matches).
WALK_LIMIT = 10_000
#: Most FTS5 queries one batch of a walk on SQLite is matched with (one per range of index entry ids).
MATCH_RANGES = 8
#: Narrowest gap between index entry ids (entries) worth a query of its own: reading that many more
#: rows of a range costs about as much as one more query.
MIN_GAP = 1000
#: A ranked search on SQLite with at most this many candidates (objects) reads only their index entries'
#: id ranges when those cover at most ``RANGES_SPAN`` entries per candidate; else every match of the
#: query, as Wagtail does (cheap then for a rare word, whose matches are far apart).
RANK_BY_RANGES = 2000
RANGES_SPAN = 20
#: A search on PostgreSQL of at most this many listed objects (``listed_pks``) reads only their index entries.
LISTED_ENTRIES = 2000


def id_ranges(ids: list[int], most: int, gap: int = MIN_GAP) -> list[tuple[int, int]]:
    """``(low, high)`` ranges covering the sorted ``ids``, at most ``most`` of them: split at the widest gaps
    wider than ``gap`` and than ``len(ids)`` (a split saves reading at least as many rows as a query costs)."""
    if not ids:
        return []
    gaps = sorted(range(1, len(ids)), key=lambda i: ids[i] - ids[i - 1], reverse=True)[: most - 1]
    starts = [0, *sorted(i for i in gaps if ids[i] - ids[i - 1] > max(gap, len(ids)))]
    ends = [*starts[1:], len(ids)]
    return [(ids[a], ids[b - 1]) for a, b in zip(starts, ends, strict=True)]


class OrderedWalk:
    """The first matches of an unranked search in the queryset's own order, without reading every match.

    The reader's search asks for the newest 201 matches of a word. Wagtail's backends find every
    match and then order them: for a word found in most of 100,000 articles, that is 1.5 s on
    SQLite and about 130 ms on PostgreSQL. Walking the queryset newest first, ``WALK_BATCH`` rows
    at a time, and asking the index which of those rows match (``matching_pks``), a common word
    is answered from the first batch. When the matches found so far say that more than
    ``WALK_LIMIT`` rows would have to be walked (a rare word), the backend's own search runs
    instead: its cost grows with the number of matches, which is then small. Same results as
    the backend's own search, in the queryset's order.

    A mixin for query compilers: ``matching_pks(config, pks)`` returns the subset of ``pks``
    that match; ``search`` calls ``walk`` for an unranked, sliced search of an ordered queryset.
    """

    #: Set when a walk found the matches too sparse: the backend's own search answers from then on
    #: (``newest_matches`` falls back to it through the same compiler, which must not walk again).
    walked_too_far = False

    def walkable(self, stop, score_field) -> bool:
        """Whether ``search`` should walk: unranked, sliced, an ordered queryset, a query that can match,
        and no walk of this search has given up already."""
        from modelsearch.query import MatchAll, Not

        return (
            not self.walked_too_far
            and not self.order_by_relevance
            and stop is not None
            and score_field is None
            and bool(self.queryset.query.order_by)
            and not isinstance(self.query, MatchAll | Not)
        )

    def matching_pks(self, config, pks: list, hints: list | None = None) -> set:
        """The primary keys among ``pks`` whose objects match the query (one or a few queries); ``hints``: the
        values of ``walk_hints`` read with each row, in the same order (``None`` when there are none)."""
        raise NotImplementedError

    def walk_hints(self) -> dict:
        """Expressions read along with each walked row for ``matching_pks`` (name → expression; none here)."""
        return {}

    def searchable(self) -> bool:
        """Whether the query can match at all (the SQLite compiler asks its normalised query)."""
        return True

    def walk_rows(self, config, stop: int, fields: tuple[str, ...] = ()) -> list[tuple] | None:
        """``(pk, *fields)`` of the first ``stop`` matches in the queryset's order, read while walking it
        (no model instance is built), or ``None`` when this search is not walked (``walkable``) or its
        matches are too sparse to walk to (the caller then runs the backend's own search)."""
        if not (self.walkable(stop, None) and self.searchable()):
            return None
        found: list[tuple] = []
        walked, batch = 0, WALK_BATCH
        hints = self.walk_hints()
        rows_in_order = self.queryset.annotate(**hints).values_list("pk", *fields, *hints)
        width = 1 + len(fields)
        while len(found) < stop:
            rows = list(rows_in_order[walked : walked + batch])
            if rows:
                row_hints = [row[width:] for row in rows] if hints else None
                matched = self.matching_pks(config, [row[0] for row in rows], row_hints)
                found += [row[:width] for row in rows if row[0] in matched]
            walked += len(rows)
            if len(rows) < batch or len(found) >= stop:
                break
            if not found or walked * stop / len(found) > WALK_LIMIT:
                self.walked_too_far = True
                return None
            batch *= 4
        return found[:stop]

    def walk(self, config, start: int, stop: int, fallback):
        """Return the matches ``start``..``stop`` in the queryset's order (a list of its objects), or
        ``fallback()`` (the backend's own search) when the matches are too sparse to walk to."""
        rows = self.walk_rows(config, stop)
        if rows is None:
            return fallback()
        ids = [pk for (pk,) in rows[start:stop]]
        objects = self.queryset.order_by().in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]


def newest_matches(results, stop: int, fields: tuple[str, ...] = ()) -> list[tuple]:
    """``(pk, *fields)`` of the first ``stop`` results of an unranked search (``backend.search(...,
    order_by_relevance=False)`` on an ordered queryset), in the queryset's order.

    When the search is walked (``OrderedWalk``), the values come from the walk's own reads of the
    queryset: a common word's 200 newest matches cost no query and no model instance more (building
    them was about a tenth of PostgreSQL's search page at 100,000 articles). Otherwise the backend's
    own search runs and the values are read off its objects.
    """
    compiler = results.query_compiler
    if isinstance(compiler, OrderedWalk):
        rows = compiler.walk_rows(compiler.get_config(results.backend), stop, fields)
        if rows is not None:
            return rows
    return [(obj.pk, *(getattr(obj, name) for name in fields)) for obj in results[:stop]]


def listed_pks(queryset) -> list | None:
    """The primary keys ``queryset`` is restricted to by a ``pk__in`` list of values at its top level (the
    search page ranks its newest matches so), else ``None``."""
    from django.db.models.lookups import In

    where = queryset.query.where
    if where.connector != "AND" or where.negated:
        return None
    for child in where.children:
        target = getattr(getattr(child, "lhs", None), "target", None)
        if isinstance(child, In) and target is queryset.model._meta.pk and isinstance(child.rhs, list | tuple | set):
            return list(child.rhs)
    return None


def with_entries_of(queryset, pks):
    """``queryset`` (a search's, of one indexed model) joined to the index entries of ``pks`` only.

    The same rows: the search joins each object to its own entry. But PostgreSQL's planner, for a
    small index table, checks the query on every entry (``title || body``, about 8 µs each: 9 ms
    of 1,100 at 1,000 articles) instead of finding the few it needs by object id; named here, they
    are read from the entries' unique index.
    """
    return queryset.filter(index_entries__object_id__in=[str(pk) for pk in pks])


def _postgres_backend_class():
    """Build the PostgreSQL backend class (imported lazily: psycopg is needed only there)."""
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.query import PlainText
    from modelsearch.utils import get_descendants_content_types_pks

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

    class WalkingPostgresSearchQueryCompiler(OrderedWalk, PostgresSearchQueryCompiler):
        """Wagtail's PostgreSQL query compiler; unranked sliced searches walk the queryset (``OrderedWalk``)."""

        def matching_pks(self, config, pks, hints=None):
            """The ``pks`` whose objects match: a plain-text query over every field is checked on their index
            entries only (``_entries_matching``); any other query is Wagtail's, on a queryset of those
            objects only. (Naming their index entries too, ``with_entries_of``, did not help there: for a
            batch of 500, about half the entries at 1,000 articles, PostgreSQL still reads them all.)"""
            terms = self._plain_terms()
            if terms is not None and config:
                pk_field = self.queryset.model._meta.pk
                return {pk_field.to_python(object_id) for object_id in self._entries_matching(config, pks, *terms)}
            batch = copy.copy(self)
            batch.queryset = self.queryset.filter(pk__in=pks).order_by()
            matches = PostgresSearchQueryCompiler.search(batch, config, None, None)
            return set(matches.values_list("pk", flat=True))

        def _plain_terms(self) -> tuple[list[str], str] | None:
            """``(terms, operator)`` of a plain-text query over every indexed field, split as Wagtail's
            compiler splits it (``build_tsquery_content``), else ``None``."""
            if not isinstance(self.query, PlainText) or self.fields is not None or self.LAST_TERM_IS_PREFIX:
                return None
            terms = [term for term in re.split(r"[\s\-]+", self.query.query_string) if term]
            return (terms, self.query.operator) if terms else None

        def _entries_matching(self, config, pks, terms: list[str], operator: str) -> list[str]:
            """Object ids (text) among ``pks`` whose index entries match ``terms`` joined by ``operator``,
            with the same answer as Wagtail's ``(title || body) @@ query``, reading those entries only.

            Concatenating two ``tsvector`` values costs about 20 µs per entry (10 ms for a batch of 500):
            each term is checked on the headline and on the text apart, which gives the same answer for a
            term that is one lexeme (``numnode`` 1). A term the configuration turns into several (a phrase)
            is checked on the concatenation, as Wagtail does; a stop word (no lexeme) is left out of an
            ``and``, as PostgreSQL leaves it out of the combined query, and a query of stop words only
            matches nothing.
            """
            query = "to_tsquery(%s::regconfig, %s)"
            # Each term as Wagtail's ``Lexeme`` writes it: quoted, quotes and backslashes doubled.
            lexemes = [[config, "'{}'".format(term.replace("'", "''").replace("\\", "\\\\"))] for term in terms]
            match = (
                f"(e.title @@ {query} OR e.body @@ {query} "
                f"OR (numnode({query}) > 1 AND (e.title || e.body) @@ {query}))"
            )
            if operator == "and":
                # At least one lexeme in all: a query of stop words only matches nothing.
                condition = " AND ".join([f"(numnode({query}) = 0 OR {match})"] * len(terms))
                condition += " AND (" + " + ".join([f"numnode({query})"] * len(terms)) + ") > 0"
                params = [p for lexeme in lexemes for p in lexeme * 5] + [p for lexeme in lexemes for p in lexeme]
            else:
                condition = " OR ".join([match] * len(terms))
                params = [p for lexeme in lexemes for p in lexeme * 4]
            sql = (
                f"SELECT e.object_id FROM {IndexEntry._meta.db_table} e WHERE e.content_type_id = ANY(%s) "
                f"AND e.object_id = ANY(%s) AND ({condition})"
            )
            content_types = list(get_descendants_content_types_pks(self.queryset.model))
            with connections[self.queryset.db].cursor() as cursor:
                cursor.execute(sql, [content_types, [str(pk) for pk in pks], *params])
                return [object_id for (object_id,) in cursor.fetchall()]

        def search(self, config, start, stop, score_field=None, backend=None):
            def own_search():
                return super(WalkingPostgresSearchQueryCompiler, self).search(config, start, stop, score_field, backend)

            if self.walkable(stop, score_field):
                return self.walk(config, start, stop, own_search)
            pks = listed_pks(self.queryset)
            if pks is not None and len(pks) <= LISTED_ENTRIES:
                self.queryset = with_entries_of(self.queryset, pks)
            return own_search()

    class LocaleConfigPostgresSearchBackend(PostgresSearchBackend):
        """PostgreSQL full-text search with ``LOCALE_SEARCH_CONFIGS`` (language code → configuration)."""

        index_class = LocaleConfigPostgresIndex
        query_compiler_class = WalkingPostgresSearchQueryCompiler

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


def _sqlite_backend_class():
    """Build the SQLite FTS5 backend class with Snowball stemming (imported lazily, as Wagtail does)."""
    from django.db.models import OuterRef, Subquery, TextField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite.query import Lexeme, MatchExpression, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        IndexEntry,
        ObjectIndexer,
        SQLiteFTSIndexEntry,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        normalize,
    )
    from modelsearch.query import MatchAll, Not, Phrase, PlainText
    from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

    from .stemming import stem_text

    class StemmingObjectIndexer(ObjectIndexer):
        """Headline and text of one object as Snowball stems of its locale's language; autocomplete unchanged."""

        def __init__(self, obj, backend):
            super().__init__(obj, backend)
            self.language = backend.language_for_object(obj)

        @cached_property
        def title(self):
            return stem_text(super().title, self.language)

        @cached_property
        def body(self):
            return stem_text(super().body, self.language)

    class StemmingSQLiteIndex(SQLiteIndex):
        """``SQLiteIndex`` writing stems (``StemmingObjectIndexer``) to ``title`` and ``body``."""

        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            data = {}
            for obj in objs:
                indexer = StemmingObjectIndexer(obj, self.backend)
                data[indexer.id] = {"title": indexer.title, "autocomplete": indexer.autocomplete, "body": indexer.body}
            if not data:
                return
            entries = self.entries.filter(content_type_id=get_content_type_pk(model))
            indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
            for object_id in indexed:
                entries.filter(object_id=object_id).update(**data[object_id])
            self.entries.bulk_create(
                IndexEntry(content_type_id=get_content_type_pk(model), object_id=object_id, **fields)
                for object_id, fields in data.items()
                if object_id not in indexed
            )
            self._refresh_title_norms()

    class StemmingSQLiteSearchQueryCompiler(OrderedWalk, SQLiteSearchQueryCompiler):
        """Stems each query word with the backend's ``LANGUAGE`` before FTS5 matches it; unranked sliced
        searches walk the queryset (``OrderedWalk``)."""

        backend_language: str | None = None

        def searchable(self) -> bool:
            """Whether the normalised query can match (not everything, not a negation)."""
            return not isinstance(normalize(self.query), MatchAll | Not)

        def build_search_query_content(self, query, config=None):
            language = self.backend_language
            if isinstance(query, PlainText):
                stems = stem_text(query.query_string, language).split()
                if not stems:
                    return SearchQueryExpression(Lexeme(""), config=config)  # matches nothing
                lexemes = Lexeme(stems[0])
                for word in stems[1:]:
                    lexemes = lexemes & Lexeme(word) if query.operator.upper() == "AND" else lexemes | Lexeme(word)
                return SearchQueryExpression(lexemes, config=config)
            if isinstance(query, Phrase):
                return SearchQueryExpression(stem_text(query.query_string, language))
            return super().build_search_query_content(query, config=config)

        def search(self, config, start, stop, score_field=None):
            """A page (``start``..``stop``) of the results, most relevant first, ranked by FTS5.

            Wagtail's SQLite backend orders by a score subquery correlated with each matching row,
            and SQLite runs the full-text match again for every row: 1.5 s for 1,000 articles. Here
            the index is asked once for the best matches among the candidates, with the backend's
            own rank expression: with up to ``RANK_BY_RANGES`` candidates whose index entries were
            written close together, within those entries' id ranges (``_matches_in_ranges``); else
            among all matches (the queryset as a subquery). The page's objects are then fetched by
            id. An unranked search sliced to its first rows walks the queryset (``OrderedWalk``);
            counts, facets and negated searches go through Wagtail's code. Returns a list (of the
            queryset's model, with ``score_field`` set when asked).
            """
            normalized = normalize(self.query)
            searchable = self.searchable()

            def own_search():
                return super(StemmingSQLiteSearchQueryCompiler, self).search(
                    config, start, stop, score_field=score_field
                )

            if searchable and self.walkable(stop, score_field):
                return self.walk(config, start, stop, own_search)
            if not self.order_by_relevance or stop is None or not searchable:
                return own_search()
            rank = self._build_rank_expression(self.get_search_vectors(), config)
            text_pks = self.queryset.order_by().annotate(_text_pk=Cast("pk", TextField())).values("_text_pk")
            entries = self._entries(text_pks[: RANK_BY_RANGES + 1])
            ranges = id_ranges(sorted(entries), MATCH_RANGES) if len(entries) <= RANK_BY_RANGES else []
            if ranges and sum(high - low + 1 for low, high in ranges) <= RANGES_SPAN * len(entries):
                # Few candidates written close together (the newest matches of the reader's search, an
                # article's related window): read their index entries' id ranges, not every match.
                scores = sorted(
                    (score, -entry_id, entries[entry_id])
                    for entry_id, score in self._matches_in_ranges(config, entries, ranges, rank)
                    if entry_id in entries
                )
                ranked = [(object_id, score) for score, _entry, object_id in scores[start:stop]]
            else:
                match = MatchExpression(
                    self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(normalized, config)
                )
                ranked = list(
                    SQLiteFTSIndexEntry.objects.filter(match)
                    .filter(
                        index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                        index_entry__object_id__in=text_pks,
                    )
                    .annotate(score=rank)
                    .order_by("score", "-pk")
                    .values_list("index_entry__object_id", "score")[start:stop]
                )
            pk_field = self.queryset.model._meta.pk
            ids = [pk_field.to_python(object_id) for object_id, _score in ranked]
            found = self.queryset.order_by().in_bulk(ids)
            results = []
            for pk, (_object_id, score) in zip(ids, ranked, strict=True):
                if pk in found:
                    if score_field:
                        setattr(found[pk], score_field, score)
                    results.append(found[pk])
            return results

        def _entries(self, object_ids) -> dict:
            """Index entry id → object id (text) of the queryset model's objects ``object_ids`` (texts, or a
            subquery of them): one entry per object."""
            return dict(
                IndexEntry._default_manager.filter(
                    content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
                    object_id__in=object_ids,
                ).values_list("id", "object_id")
            )

        def _matches_in_ranges(self, config, entries: dict, ranges: list[tuple[int, int]], rank=None) -> list:
            """``[(entry id, score or None)]`` of the index entries matching the query within ``ranges`` of
            entry ids (``id_ranges``), one query per range.

            FTS5 answers a match within a range of its row ids (the index entries' ids) by seeking
            in each term's list, while a list of ids costs a full look-up each (about 75 µs). Entries
            of articles published one after another were mostly written one after another, so their
            ids fall in few ranges. Unranked, every matching row of the ranges is returned (the
            caller keeps its own); ranked (``rank``), only the rows of ``entries`` (entry id → object id).
            """
            match = MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(normalize(self.query), config)
            )
            found = []
            for low, high in ranges:
                rows = SQLiteFTSIndexEntry.objects.filter(match, index_entry_id__gte=low, index_entry_id__lte=high)
                if rank is None:
                    found += [(entry_id, None) for entry_id in rows.values_list("index_entry_id", flat=True)]
                else:  # scored only for the candidates' rows (the score is the costly part)
                    rows = rows.filter(index_entry__object_id__in=list(entries.values()))
                    found += list(rows.annotate(score=rank).values_list("index_entry_id", "score"))
            return found

        def walk_hints(self) -> dict:
            """Each walked row's index entry id, read along with the row (a look-up in the entries' unique
            index per row), so that a batch needs no query of its entries by a list of its object ids."""
            entry = IndexEntry._default_manager.filter(
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
                object_id=Cast(OuterRef("pk"), TextField()),
            )
            return {"_index_entry_id": Subquery(entry.values("id")[:1])}

        def matching_pks(self, config, pks, hints=None):
            """The ``pks`` whose index entries match (``_matches_in_ranges``); ``hints``: each one's
            ``(index entry id,)`` (``walk_hints``), else the entries are read by object id."""
            pk_field = self.queryset.model._meta.pk
            if hints is None:
                entries = self._entries([str(pk) for pk in pks])
            else:
                entries = {entry_id: str(pk) for pk, (entry_id,) in zip(pks, hints, strict=True) if entry_id}
            ranges = id_ranges(sorted(entries), MATCH_RANGES)
            return {
                pk_field.to_python(entries[entry_id])
                for entry_id, _score in self._matches_in_ranges(config, entries, ranges)
                if entry_id in entries
            }

    class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
        """Wagtail's SQLite FTS5 backend with Snowball stems at index and query time."""

        index_class = StemmingSQLiteIndex
        query_compiler_class = StemmingSQLiteSearchQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.language = params.get("LANGUAGE") or settings.LANGUAGE_CODE
            self._language_codes: dict[int, str] = {}

        def language_for_object(self, obj) -> str:
            """The language code of ``obj``'s locale, else ``LANGUAGE_CODE`` (images, documents)."""
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is None:
                return settings.LANGUAGE_CODE
            if locale_id not in self._language_codes:
                from wagtail.models import Locale

                self._language_codes.update(Locale.objects.values_list("pk", "language_code"))
            return self._language_codes.get(locale_id, settings.LANGUAGE_CODE)

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            results = super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
            if getattr(results, "query_compiler", None) is not None:  # not EmptySearchResults
                results.query_compiler.backend_language = self.language
            return results

    return StemmingSQLiteSearchBackend


#: Database file (or name) → whether its FTS5 table exists; read once per process and database.
_FTS5_TABLES: dict[str, bool] = {}


def _sqlite_has_fts5() -> bool:
    """True when Wagtail's SQLite backend uses FTS5 here (else it falls back to ``LIKE`` queries).

    The answer is kept per database file once it is yes (migrations create the table once);
    a no is asked again, since the table may be created later in the process (tests, ``migrate``).
    """
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    name = str(connection.settings_dict.get("NAME"))
    if not _FTS5_TABLES.get(name):
        _FTS5_TABLES[name] = fts5_available() and fts_table_exists()
    return _FTS5_TABLES[name]


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Return the backend for the ``default`` database: per-locale PostgreSQL FTS, stemmed SQLite FTS5,
    else Wagtail's own."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite" and _sqlite_has_fts5():
        return _sqlite_backend_class()(params)
    return database_search_backend(params)


def backend_for_language(language_code: str):
    """Return the search backend that queries an edition in ``language_code``.

    With ``LOCALE_SEARCH_CONFIGS`` set on the ``default`` backend, the query is parsed with
    that language's configuration (the one its articles were indexed with); on SQLite the
    query is stemmed with that language's Snowball stemmer; any other backend
    (Elasticsearch, OpenSearch) is returned as configured.
    """
    params = settings.WAGTAILSEARCH_BACKENDS.get(BACKEND_ALIAS, {})
    if params.get("BACKEND") != __name__:
        return get_search_backend(BACKEND_ALIAS)
    config = (params.get("LOCALE_SEARCH_CONFIGS") or {}).get(language_code)
    if config and connection.vendor == "postgresql":
        return get_search_backend(BACKEND_ALIAS, SEARCH_CONFIG=config)
    if connection.vendor == "sqlite":
        return get_search_backend(BACKEND_ALIAS, LANGUAGE=language_code)
    return get_search_backend(BACKEND_ALIAS)
