"""Purging the production front-end cache (nginx ``proxy_cache``) by the same tags.

nginx (``deploy/nginx/dateline.conf``) caches reader pages under the key
``$scheme://$host$request_uri|$dateline_lang`` and sends that key to the app in the
``X-Dateline-Cache-Key`` header. When the app stores a page it records the key under each
of the page's tags (an index in the pages cache: a Redis set per tag, or a Python set
elsewhere, read and written in one diskcache transaction); a purge of a tag deletes the
files of those keys from nginx's cache directory (``DATELINE_PAGECACHE_NGINX_DIR``,
``levels=1:2``; nginx treats a missing file as a miss). Debian's nginx-light has no purge
module, so this is how its cache is purged — the method of WordPress's *nginx-helper*.
Nothing happens when the setting is empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from urllib.parse import urlsplit

import diskcache
from django.conf import settings
from wagtail.contrib.frontend_cache.backends import BaseBackend

from .store import is_redis, pages_cache

logger = logging.getLogger(__name__)
INDEX_PREFIX = "frontend-index:"
#: The request header nginx sends with its cache key.
KEY_HEADER = "HTTP_X_DATELINE_CACHE_KEY"
#: The response header that tells nginx how long to cache a response ("0": not at all). It
#: takes precedence over ``proxy_cache_valid``, and nginx does not pass it on to the reader.
NO_CACHE_HEADER = "X-Accel-Expires"


def enabled() -> bool:
    """True when a front-end cache directory is configured."""
    return bool(settings.DATELINE_PAGECACHE_NGINX_DIR)


def nginx_cache_file(key: str) -> str:
    """Return the path of nginx's cache file for ``key`` (``levels=1:2``: last char, then the two before)."""
    digest = hashlib.md5(key.encode("utf-8", "surrogateescape")).hexdigest()  # noqa: S324 - nginx's own scheme
    return os.path.join(settings.DATELINE_PAGECACHE_NGINX_DIR, digest[-1], digest[-3:-1], digest)


def index_transaction(cache):
    """A context in which reading and writing the index of ``cache`` is one transaction.

    For the diskcache store (one machine, no Redis): its transaction, which holds every shard,
    so two processes that add members to one tag at once both keep theirs. Elsewhere nothing:
    Redis keeps the index in sets (``SADD``), and a per-process cache has no other writer.
    """
    fanout = getattr(cache, "_cache", None)
    if isinstance(fanout, diskcache.FanoutCache):
        return fanout.transact()
    return contextlib.nullcontext()


def remember(frontend_key: str, tags) -> None:
    """Record that the front end cached ``frontend_key`` with ``tags``."""
    if not enabled() or not frontend_key:
        return
    remember_member(frontend_key, tags)


def remember_member(member: str, tags) -> None:
    """Record ``member`` (an nginx cache key, or ``file:<path>`` of a page file) under each of ``tags``."""
    cache = pages_cache()
    keep = settings.DATELINE_PAGECACHE_NGINX_SECONDS + 60
    if is_redis(cache):
        client = cache._cache.get_client(write=True)
        pipe = client.pipeline()
        for tag in tags:
            name = cache.make_key(INDEX_PREFIX + tag)
            pipe.sadd(name, member)
            pipe.expire(name, keep)
        pipe.execute()
        return
    with index_transaction(cache):  # a read-modify-write: atomic across processes
        for tag in tags:
            name = INDEX_PREFIX + tag
            cache.set(name, (cache.get(name) or set()) | {member}, timeout=keep)


def purge_frontends(tags) -> None:
    """Delete nginx's cached files and the page files (``pagefiles``) of every member recorded under ``tags``."""
    from . import pagefiles

    if not enabled() and not pagefiles.enabled():
        return
    cache = pages_cache()
    members: set[str] = set()
    if is_redis(cache):
        client = cache._cache.get_client(write=True)
        for tag in tags:
            name = cache.make_key(INDEX_PREFIX + tag)
            pipe = client.pipeline()
            pipe.smembers(name)
            pipe.delete(name)
            found, _deleted = pipe.execute()
            members |= {m.decode() if isinstance(m, bytes) else m for m in found}
    else:
        with index_transaction(cache):  # no member recorded between the read and the delete is lost
            for tag in tags:
                members |= cache.get(INDEX_PREFIX + tag) or set()
                cache.delete(INDEX_PREFIX + tag)
    for member in members:
        if member.startswith(pagefiles.MEMBER_PREFIX):
            pagefiles.delete(member.removeprefix(pagefiles.MEMBER_PREFIX))
            continue
        if not enabled():
            continue
        try:
            os.unlink(nginx_cache_file(member))
        except FileNotFoundError:
            pass
        except OSError as exc:  # the cache directory is nginx's: say so, never fail the edit
            logger.warning("Could not purge nginx cache file of %s: %s", member, exc)


class PageCacheFrontend(BaseBackend):
    """A backend of Wagtail's front-end cache invalidation (``WAGTAILFRONTENDCACHE``) that purges the page cache.

    ``purge_pages_from_cache`` / ``purge_urls_from_cache`` (the comments app calls them when an
    article's visible comments change) reach the page cache, and through it nginx, by URL: every
    cached response carries the tag ``url:<path>``.
    """

    def purge(self, url) -> None:
        """Purge every cached response of the path of ``url`` (all its query strings and languages)."""
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        """Purge the paths of ``urls`` in one go."""
        from .purge import purge_tags

        purge_tags({f"url:{urlsplit(url).path or '/'}" for url in urls})
