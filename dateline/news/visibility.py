"""The subtrees of the page tree the public may not see, read once and kept in the shared cache.

Two kinds of page hide what lies below them: a page with a view restriction (Wagtail's
*Privacy*: it and its descendants) and a page that is not live but has children (an
unpublished section or edition: its descendants, which Wagtail's ``live()`` alone would
still show). Every public query excludes both (``ArticlePage.objects.visible()``,
``public_pages``), and a page asks for its view restrictions on every request.

Asking the database each time costs two queries per list on every page (six lists on an
article page: twelve queries). The answer changes only when an editor publishes,
unpublishes, moves or deletes a page or edits a page's privacy, so it is kept in the
default cache (shared by every process: diskcache in ``var/cache``, or Redis) and
forgotten on each of those changes. ``cached_for_tree`` does the same for other small
answers that depend on the tree (an edition's sections, its breaking banner): they are
stored under a *generation* of the tree that ``forget_tree`` renews, at once and again
when the transaction commits. ``CACHE_SECONDS`` bounds how long a change made without
signals (raw SQL) can go unseen (twice that where a process copied a value just before it
expired: ``_KeptHere``). When the cache cannot be read, the rows are read from the database.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

T = TypeVar("T")

#: The key of the generation of the page tree in the default cache: a new value on every change
#: that can hide, show, add or move a page; every value cached here is stored under it.
GENERATION_KEY = "news:tree-generation:v1"
#: Seconds a cached answer is kept at most (a safety net; signals forget it on every change).
CACHE_SECONDS = 300


@dataclass(frozen=True)
class HiddenSubtrees:
    """Materialised paths (treebeard's ``path``) of the pages that hide pages from the public.

    ``restricted``: pages with a view restriction (hidden with their descendants);
    ``unpublished``: pages not live, below the root, with children (their descendants hidden);
    ``aliases``: whether any page is an alias (aliases take their source's restrictions, which
    only Wagtail's own lookup resolves).
    """

    restricted: tuple[str, ...] = ()
    unpublished: tuple[str, ...] = ()
    aliases: bool = False

    def exclusion(self) -> Q:
        """A ``Q`` matching every page the public may not see because of a page above it (or itself,
        for a restricted page); an empty ``Q`` when nothing is hidden."""
        condition = Q()
        for path in (*self.restricted, *self.unpublished):
            condition |= Q(path__startswith=path)
        return condition

    def hides(self, path: str) -> bool:
        """True when the page at ``path`` is one ``exclusion()`` matches."""
        return any(path.startswith(prefix) for prefix in (*self.restricted, *self.unpublished))

    def is_restricted(self, path: str) -> bool:
        """True when the page at ``path`` or a page above it has a view restriction."""
        return any(path.startswith(prefix) for prefix in self.restricted)


def read_hidden_subtrees() -> HiddenSubtrees:
    """Read the hidden subtrees from the database (two small queries)."""
    from django.db.models import Exists, OuterRef
    from wagtail.models import Page, PageViewRestriction

    restrictions = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    rows = (
        Page.objects.filter(Q(live=False, numchild__gt=0, depth__gt=1) | Exists(restrictions))
        .annotate(restricted=Exists(restrictions))
        .values_list("path", "restricted")
    )
    restricted, unpublished = [], []
    for path, is_restricted in rows:
        (restricted if is_restricted else unpublished).append(path)
    return HiddenSubtrees(
        restricted=tuple(sorted(restricted)),
        unpublished=tuple(sorted(unpublished)),
        aliases=Page.objects.filter(alias_of__isnull=False).exists(),
    )


def _generation() -> str | None:
    """The current generation of the page tree (``None`` when the cache cannot answer)."""
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = str(time.time_ns())
            if not cache.add(GENERATION_KEY, generation, None):  # another process set one first
                generation = cache.get(GENERATION_KEY)
        return generation
    except Exception:  # noqa: BLE001 - a cache that cannot answer means reading the rows
        return None


class _KeptHere:
    """This process's copies of ``cached_for_tree`` values, pickled, each with the generation of the tree
    it belongs to.

    The generation is read from the shared cache on every call (another process may have changed
    the tree); a value of that generation is then answered from here, without a round trip to the
    cache (Redis: about 0.2 ms each, 6 to 8 per page). Each use unpickles its own copy, as a read
    from the shared cache does, so no object is shared between requests or threads; a copy of an
    older generation (a request still running from before the change may store one) is never
    given for a newer one. At most ``limit`` values are kept: all are forgotten when full.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.values: dict[str, tuple[str, float, bytes]] = {}

    def get(self, generation: str, name: str):
        """The value kept under ``name`` for ``generation`` and not expired, else ``_MISSING``."""
        kept = self.values.get(name)
        if kept is None or kept[0] != generation or kept[1] <= time.monotonic():
            return _MISSING
        return pickle.loads(kept[2])  # noqa: S301 - this process's own pickle of a cached value

    def set(self, generation: str, name: str, value, seconds: float) -> None:
        """Keep a copy of ``value`` under ``name`` for ``generation``, for ``seconds``."""
        if len(self.values) >= self.limit:
            self.values = {}
        self.values[name] = (generation, time.monotonic() + seconds, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def clear(self) -> None:
        """Forget every value (tests; ``make bench`` for renders in a process with nothing kept)."""
        self.values = {}


_MISSING = object()
#: Values kept per process (``_KeptHere``).
KEPT_HERE_LIMIT = 5000
kept_here = _KeptHere(KEPT_HERE_LIMIT)


def cached_for_tree(name: str, read: Callable[[], T], seconds: float = CACHE_SECONDS) -> T:
    """What ``read()`` returns, kept in the default cache until the page tree changes.

    ``name`` identifies the value (include what it depends on, e.g. an edition's id);
    ``seconds`` (at most ``CACHE_SECONDS``) bounds its life, for values that also depend on
    time (a breaking banner's expiry). ``read`` must return a picklable value; without a
    working cache it is called every time. Values kept for the full ``CACHE_SECONDS`` are also
    kept by this process for the current generation (``_KeptHere``); the shorter-lived ones,
    whose remaining life another process's write does not tell, are read from the cache each time.
    """
    generation = _generation()
    if generation is None:
        return read()
    local = seconds >= CACHE_SECONDS
    if local:
        value = kept_here.get(generation, name)
        if value is not _MISSING:
            return value
    key = f"news:tree:{generation}:{name}"
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # noqa: BLE001
        value = _MISSING
    if value is _MISSING:
        value = read()
        try:
            cache.set(key, value, max(1, min(seconds, CACHE_SECONDS)))
        except Exception:  # noqa: BLE001, S110 - read again next time
            pass
    if local:
        kept_here.set(generation, name, value, CACHE_SECONDS)
    return value


def hidden_subtrees() -> HiddenSubtrees:
    """The hidden subtrees, from the default cache when it has them, else read and stored there."""
    return cached_for_tree("hidden-subtrees", read_hidden_subtrees)


def _forget() -> None:
    try:
        cache.set(GENERATION_KEY, str(time.time_ns()), None)
    except Exception:  # noqa: BLE001, S110 - CACHE_SECONDS bounds what a failed change leaves
        pass


def forget_tree(**kwargs) -> None:
    """Start a new generation of the page tree (forget every ``cached_for_tree`` value), now and when the
    current transaction commits (another process may have read the old rows meanwhile).

    Connected to the signals of every change that can hide, show, add or move a page (see
    ``news.signal_handlers.connect``); takes and ignores the signal's arguments.
    """
    _forget()
    transaction.on_commit(_forget)


def exclude_hidden(queryset):
    """``queryset`` (of pages) without the pages under an unpublished page and the view-restricted ones."""
    condition = hidden_subtrees().exclusion()
    return queryset.exclude(condition) if condition else queryset
