"""Readers of wire sources: web pages (trafilatura) and RSS/Atom/RDF feeds (feedparser).

``read_source(location)`` fetches a file or URL, tells a feed from a page and
returns the ``WireItem`` list; problems with the source itself raise ``SourceError``.
"""

from .base import SourceError, WireItem
from .fetch import RawSource, fetch
from .reader import read_source

__all__ = ["RawSource", "SourceError", "WireItem", "fetch", "read_source"]
