"""Page files: nginx serves stored reader pages as plain files, purged exactly like the rest.

The production front end (``deploy/nginx/dateline.conf.template``) answers an anonymous
GET or HEAD of a reader page without a query string from a file, when one exists:
``<DATELINE_PAGECACHE_NGINX_FILES_DIR>/<scheme>/<host><path>index.html``. Only the app
writes these files, right after it rendered and stored a page (``PageCacheMiddleware``),
and it deletes them when a purge reaches one of the page's dependency tags (the same
index of tags as nginx's ``proxy_cache`` files, ``frontends``). Everything else (feeds,
sitemaps, the ninjs API, pages with a query string, the first request of a page) still
goes through ``proxy_cache`` to the app.

Why files: nginx sends a file it keeps open (``open_file_cache``) at a static file's
speed, while a ``proxy_cache`` hit opens its cache file and parses the stored headers on
every request (``make bench`` measures both).

nginx adds the headers of a page file itself, from ``headers.conf`` in the same directory,
which ``manage.py pagecache_headers`` writes from a page the app renders, with
``headers.json`` beside it. The app writes a page file only when the page's headers are
exactly those (its language aside, which nginx takes from the URL), so a page served as a
file never differs from the app's own answer, and a change of policy (a new
Content-Security-Policy, say) stops the files until the command runs again and nginx reloads.

A purge deletes the file at once; nginx may go on sending a file it holds open for up to
``open_file_cache_valid`` (1 s). ``sweep`` (a periodic job of the worker) deletes files
older than ``DATELINE_PAGECACHE_NGINX_SECONDS``: the safety net, as ``proxy_cache_valid``
is for the cache files, and it keeps every file younger than its purge index. It also keeps
at most ``DATELINE_PAGECACHE_NGINX_FILES_MAX`` files, the oldest going first, as
``max_size`` bounds ``proxy_cache``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time

from django.conf import settings

from .store import key_settings

logger = logging.getLogger(__name__)
HEADERS_JSON = "headers.json"
HEADERS_CONF = "headers.conf"
INDEX_FILE = "index.html"
#: The page files' type: nginx sends every file of the location with it.
CONTENT_TYPE = "text/html; charset=utf-8"
#: Headers nginx makes for a file itself (validators from the file, language from the URL).
MADE_BY_NGINX = frozenset({"content-type", "content-length", "etag", "last-modified", "content-language"})
#: Prefix of the page files' members in the front-end purge index (``frontends``).
MEMBER_PREFIX = "file:"


def enabled() -> bool:
    """True when page files are configured (``DATELINE_PAGECACHE_NGINX_FILES_DIR``)."""
    return bool(settings.DATELINE_PAGECACHE_NGINX_FILES_DIR)


#: Headers whose ``;``-separated parts may come in any order (django-csp builds them from a set).
UNORDERED_HEADERS = frozenset({"content-security-policy", "content-security-policy-report-only"})


def policy_headers(headers) -> list[tuple[str, str]]:
    """The headers nginx must add to a page file: of a page's stored ``headers`` (``(name, value)`` pairs,
    ``middleware.entry_headers``), those nginx does not make itself, lowercased and sorted.

    A Content-Security-Policy's directives are sorted too: django-csp joins them in the order of a
    Python set, which differs from one process to the next, with the same meaning.
    """
    found = []
    for name, value in headers:
        name = name.lower()
        if name in MADE_BY_NGINX:
            continue
        if name in UNORDERED_HEADERS:
            value = "; ".join(sorted(part.strip() for part in value.split(";") if part.strip()))
        found.append((name, value))
    return sorted(found)


def file_path(scheme: str, host: str, path: str) -> str | None:
    """The page file of ``scheme://host/path`` (``path`` as nginx's ``$uri``), or None when it cannot have one.

    A path must end in ``/`` (nginx tries ``${uri}index.html``) and hold no ``.`` or ``..``
    segment; the host is taken without its port, lowercased, as nginx's ``$host``. An IPv6
    host or one with a ``/`` gets no file.
    """
    if scheme not in ("http", "https") or not path.startswith("/") or not path.endswith("/"):
        return None
    hostname = host.lower().rsplit(":", 1)[0] if host.count(":") == 1 else host.lower()
    if not hostname or hostname.startswith("[") or "/" in hostname or "\x00" in path + hostname:
        return None
    segments = path.strip("/").split("/") if path != "/" else []
    if any(segment in ("", ".", "..") for segment in segments):
        return None
    return os.path.join(settings.DATELINE_PAGECACHE_NGINX_FILES_DIR, scheme, hostname, *segments, INDEX_FILE)


_expected: tuple[float, str, list[tuple[str, str]] | None] = (-1.0, "", None)


def expected_headers() -> list[tuple[str, str]] | None:
    """The headers ``headers.conf`` makes nginx add (from ``headers.json``), or None before the command ran."""
    global _expected
    path = os.path.join(settings.DATELINE_PAGECACHE_NGINX_FILES_DIR, HEADERS_JSON)
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return None
    if _expected[:2] != (mtime, path):
        with open(path, encoding="utf-8") as f:
            _expected = (mtime, path, [tuple(pair) for pair in json.load(f)])
    return _expected[2]


def servable(request, entry) -> str | None:
    """The page file a stored ``entry`` (the response to ``request``) may be written to, or None.

    Only a page nginx would look for: a GET without a query string of a path under a language
    prefix, in that language, of type ``CONTENT_TYPE``, with exactly the expected headers.
    """
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return None
    headers = {name.lower(): value for name, value in entry.headers}
    language = request.path[1:].split("/", 1)[0]
    if language not in key_settings().language_codes or headers.get("content-language") != language:
        return None
    if headers.get("content-type") != CONTENT_TYPE:
        return None
    expected = expected_headers()
    if expected is None or policy_headers(entry.headers) != expected:
        return None
    return file_path(request.scheme, request.get_host(), request.path)


def write(request, entry) -> str | None:
    """Write the page file of a stored ``entry``; return its path, or None when it has none.

    The file is recorded in the purge index first, then written (a rename: nginx never sees
    half a file). The caller then checks that no tag of the page was purged since its render
    began, and deletes the file if one was (``PageCacheMiddleware``): a purge that ran during
    the render is caught there, one that runs later finds the file in the index. So a file
    never outlives a purge.
    """
    from . import frontends

    path = servable(request, entry)
    if path is None:
        return None
    frontends.remember_member(MEMBER_PREFIX + path, entry.tags)
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".page-")
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(entry.body)
        os.chmod(temporary, 0o644)  # nginx's workers read it
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path


def delete(path: str) -> None:
    """Delete one page file (a missing one is fine)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        logger.warning("Could not delete page file %s: %s", path, error)


def sweep(max_age: float | None = None, now: float | None = None, max_files: int | None = None) -> int:
    """Delete page files older than ``max_age`` seconds, then the oldest beyond ``max_files``.

    Defaults: ``DATELINE_PAGECACHE_NGINX_SECONDS`` and ``DATELINE_PAGECACHE_NGINX_FILES_MAX``
    (a crawler walking the archive must not fill the disk; the pages it leaves go first).
    Also deletes temporary files a crashed writer left. Returns how many files it deleted.
    """
    if not enabled():
        return 0
    max_age = settings.DATELINE_PAGECACHE_NGINX_SECONDS if max_age is None else max_age
    max_files = settings.DATELINE_PAGECACHE_NGINX_FILES_MAX if max_files is None else max_files
    oldest = (time.time() if now is None else now) - max_age
    deleted = 0
    kept: list[tuple[float, str]] = []
    root = settings.DATELINE_PAGECACHE_NGINX_FILES_DIR
    for scheme in ("http", "https"):
        for directory, _dirs, files in os.walk(os.path.join(root, scheme)):
            for name in files:
                if name != INDEX_FILE and not name.startswith(".page-"):
                    continue
                path = os.path.join(directory, name)
                try:
                    mtime = os.stat(path).st_mtime
                    if mtime < oldest:
                        os.unlink(path)
                        deleted += 1
                    elif name == INDEX_FILE:
                        kept.append((mtime, path))
                except FileNotFoundError:
                    continue
    if len(kept) > max_files:
        kept.sort()
        for _mtime, path in kept[: len(kept) - max_files]:
            delete(path)
            deleted += 1
    return deleted


def nginx_value(value: str) -> str:
    """``value`` as a double-quoted nginx string; ValueError when nginx could not send it verbatim (``$``, ``"``)."""
    if any(character in value for character in '$"\\\n\r'):
        raise ValueError(f"nginx cannot add this header value verbatim: {value!r}")
    return f'"{value}"'


def write_headers(directory: str, headers: list[tuple[str, str]]) -> None:
    """Write ``headers.conf`` (nginx ``add_header`` lines) and ``headers.json`` (what the app compares).

    Both go to ``directory``, each replaced in one rename. ValueError for a value nginx cannot send.
    """
    os.makedirs(directory, exist_ok=True)
    lines = [
        "# Written by `manage.py pagecache_headers`: the headers of Dateline's pages, added by nginx to page files.",
        *(f"add_header {name} {nginx_value(value)};" for name, value in headers),
    ]
    conf = os.path.join(directory, HEADERS_CONF)
    with open(conf + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(conf + ".tmp", conf)
    data = os.path.join(directory, HEADERS_JSON)
    with open(data + ".tmp", "w", encoding="utf-8") as f:
        json.dump([list(pair) for pair in headers], f, indent=1)
    os.replace(data + ".tmp", data)
