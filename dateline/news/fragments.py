"""Rendered fragments (article cards, pictures, article texts) kept per worker process, by what they show.

The page cache (``dateline.pagecache``) keeps whole pages until a purge. When a purge makes a
page render again, most of its fragments have not changed: the cards of the articles it lists,
the pictures' markup, the texts of a feed's items. Each is kept here under a key made of every
value its markup reads, so a change gives another key and nothing has to be invalidated; the
least recently used go first and none is used longer than its cache's ``seconds`` (so markup
that depends on something outside its key, a rendition file deleted outside Wagtail, comes back
within that time).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Hashable

from django.utils.safestring import SafeString

#: Every fragment cache of this process (``clear_fragments``).
_caches: weakref.WeakSet[FragmentCache] = weakref.WeakSet()


def clear_fragments() -> None:
    """Empty every fragment cache of this process, as a new process starts (tests, ``make bench``)."""
    for fragment_cache in list(_caches):
        fragment_cache.clear()


class FragmentCache:
    """A bounded, thread-safe map of keys to rendered HTML (or the values markup is made of, such as a
    rendition's URL and size), least recently used dropped first.

    ``size``: entries kept; ``seconds``: how long an entry is used after it was stored.
    """

    def __init__(self, size: int, seconds: float):
        self.size = size
        self.seconds = seconds
        self._entries: OrderedDict[Hashable, tuple[float, SafeString]] = OrderedDict()
        self._lock = threading.Lock()
        _caches.add(self)

    def get(self, key: Hashable) -> SafeString | None:
        """The HTML stored under ``key`` and not older than ``seconds``, else ``None``."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def set(self, key: Hashable, html: SafeString) -> None:
        """Store ``html`` under ``key``, dropping the least recently used entries beyond ``size``."""
        with self._lock:
            self._entries[key] = (time.monotonic() + self.seconds, html)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry (tests; ``make bench`` for renders with nothing kept)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def picture_key(image) -> tuple | None:
    """What a picture shows of ``image``: its id, file, size and focal point (``None``: no image)."""
    if image is None:
        return None
    return (
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )
