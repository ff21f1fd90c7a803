"""Read the bytes of a wire source: a local file or an http(s) URL."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .base import SourceError

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a bigger page or feed is refused
USER_AGENT = "Dateline wire import (+https://github.com/dateline)"


@dataclass
class RawSource:
    """The undecoded bytes of one source.

    ``url`` is the http(s) URL it came from (``""`` for a file); ``path`` the
    absolute file path (``""`` for a URL); ``content_type`` the HTTP Content-Type
    header (``""`` for a file).
    """

    data: bytes
    url: str = ""
    path: str = ""
    content_type: str = ""

    @property
    def location(self) -> str:
        """The URL, or ``file://`` + path: the stable name of the source."""
        return self.url or Path(self.path).as_uri()


def is_url(location: str) -> bool:
    """True for an ``http://`` or ``https://`` location."""
    return location.lower().startswith(("http://", "https://"))


def fetch(
    location: str, timeout: float | None = None, headers: dict[str, str] | None = None, max_bytes: int | None = None
) -> RawSource:
    """Return the bytes of the file path or http(s) URL ``location``.

    ``timeout`` is in seconds (default: ``settings.DATELINE_WIRE_FETCH_TIMEOUT``); ``headers`` are
    extra HTTP request headers (an API key); ``max_bytes`` caps the size
    (default ``MAX_SOURCE_BYTES``). Raises ``SourceError`` for a missing or
    unreadable file, an unreachable URL, an HTTP error status, a timeout or an
    oversized source.
    """
    cap = max_bytes or MAX_SOURCE_BYTES
    if is_url(location):
        return _fetch_url(
            location, settings.DATELINE_WIRE_FETCH_TIMEOUT if timeout is None else timeout, headers or {}, cap
        )
    if location.startswith("file://"):
        location = urllib.request.url2pathname(location[len("file://") :])
    path = Path(location).expanduser()
    if not path.exists():
        raise SourceError("file not found")
    if not path.is_file():
        raise SourceError("not a file")
    try:
        if path.stat().st_size > cap:
            raise SourceError(f"file is larger than {_size(cap)}")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from exc
    return RawSource(data=data, path=str(path.resolve()))


def _size(number: int) -> str:
    return f"{number // (1024 * 1024)} MB" if number >= 1024 * 1024 else f"{number} bytes"


def _fetch_url(url: str, timeout: float, headers: dict[str, str], cap: int) -> RawSource:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            data = response.read(cap + 1)
            final_url = response.geturl() or url
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise SourceError(f"URL answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise SourceError(f"URL unreachable: {exc.reason}") from exc
    except TimeoutError as exc:
        raise SourceError(f"URL did not answer within {timeout:g} seconds") from exc
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise SourceError(f"URL unreachable: {exc or type(exc).__name__}") from exc
    if len(data) > cap:
        raise SourceError(f"URL sends more than {_size(cap)}")
    return RawSource(data=data, url=final_url, content_type=content_type)
