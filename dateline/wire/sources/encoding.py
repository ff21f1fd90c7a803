"""The text of a wire document from its bytes: declared encodings (with their aliases), else a settled guess.

Order (the XML 1.0 appendix F / RFC 7303 order, plus the source's own setting):

1. the encoding set on the source by an operator (``WireSource.encoding``);
2. a byte-order mark (UTF-8, UTF-16);
3. the HTTP ``Content-Type`` charset, then the XML declaration's ``encoding``,
   then an HTML ``<meta charset>``: names are read through ``ENCODING_ALIASES``
   (``cp-1251``, ``win-1251``, ``x-cp1251`` → cp1251; ``koi8r`` → koi8_r;
   ``iso-8859-1``/``latin1`` → cp1252, as browsers do, since real ISO-8859-1
   feeds carry Windows quotes in 0x80–0x9F);
4. no declaration: UTF-8 when the bytes are valid UTF-8; else the legacy
   encodings of the declared language (``LANGUAGE_ENCODINGS``: the feed's
   ``<language>``/``xml:lang``/``<html lang>``, or the source's language), the
   best of them by charset_normalizer. That settles ISO-8859-1 vs cp1257
   ("simulações", not "simulaēões"): a Portuguese feed is read in cp1252. Only
   when no language is known does charset_normalizer guess among all encodings.

Every guess and every wrong declaration gives a warning line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from ..language import normalise_language

ENCODING_ALIASES = {
    "cp-1251": "cp1251", "win-1251": "cp1251", "windows1251": "cp1251", "x-cp1251": "cp1251", "win1251": "cp1251",
    "cp-1252": "cp1252", "win-1252": "cp1252", "windows1252": "cp1252", "x-cp1252": "cp1252",
    "cp-1257": "cp1257", "win-1257": "cp1257", "windows1257": "cp1257",
    "koi8r": "koi8_r", "koi-8r": "koi8_r", "koi-8-r": "koi8_r", "koi8": "koi8_r", "x-koi8-r": "koi8_r",
    "koi8u": "koi8_u", "koi-8u": "koi8_u",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
}  # fmt: skip
LANGUAGE_ENCODINGS = {
    **dict.fromkeys(["ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg"], ["cp1251", "koi8_r"]),
    **dict.fromkeys(
        "en pt es fr de it nl ca da sv no nb nn fi is ga eu gl af".split(),
        ["cp1252"],
    ),
    **dict.fromkeys(["lt", "lv", "et"], ["cp1257"]),
    **dict.fromkeys(["cs", "sk", "pl", "hu", "sl", "hr", "ro", "bs"], ["cp1250"]),
    "el": ["cp1253"],
    "tr": ["cp1254"],
}
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)[\"']", re.I)
XML_DECLARATION_TEXT = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']+\2", re.I)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_:.-]+)", re.I)
DECLARED_LANGUAGE = re.compile(
    rb"<(?:language|dc:language)>\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\s*<|"
    rb"\b(?:xml:lang|lang)\s*=\s*[\"']([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*[\"']",
    re.I,
)


@dataclass
class Decoded:
    """The text of a document, the Python codec it was read with, and a warning (``""`` when none)."""

    text: str
    encoding: str
    warning: str = ""


def codec_name(label: str) -> str:
    """The Python codec of an encoding label (``"cp-1251"`` → ``"cp1251"``), or ``""`` when unknown."""
    label = label.strip().strip("\"'").lower()
    if not label:
        return ""
    label = ENCODING_ALIASES.get(label, label)
    for candidate in (label, label.replace("-", ""), label.replace("-", "_")):
        try:
            return codecs.lookup(candidate).name
        except LookupError:
            continue
    return ""


def declared_encoding(data: bytes, content_type: str = "") -> str:
    """The encoding label the document declares (HTTP charset, XML declaration, HTML meta), or ``""``."""
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.I)
    if match:
        return match.group(1)
    head = data[:2048]
    for pattern in (XML_DECLARATION, META_CHARSET):
        found = pattern.search(head)
        if found:
            return found.group(1).decode("ascii", "ignore")
    return ""


def declared_language(data: bytes) -> str:
    """The language the raw document declares (``<language>``, ``xml:lang``, ``lang``), or ``""``."""
    match = DECLARED_LANGUAGE.search(data[:65536])
    if not match:
        return ""
    return normalise_language((match.group(1) or match.group(2)).decode("ascii", "ignore"))


def _best(data: bytes, candidates: list[str] | None) -> str:
    kwargs = {"cp_isolation": candidates} if candidates else {}
    best = charset_normalizer.from_bytes(data, **kwargs).best()
    return codec_name(best.encoding) if best is not None else ""


def decode_document(data: bytes, content_type: str = "", language: str = "", forced_encoding: str = "") -> Decoded:
    """Return the text of ``data`` (see the module docstring for the order of trust).

    ``content_type`` is the HTTP header (``""`` for files); ``language`` the
    source's language, used when the document declares none; ``forced_encoding``
    the source's encoding setting. Undecodable bytes become U+FFFD (never an
    exception) and give a warning.
    """
    if forced_encoding and codec_name(forced_encoding):
        codec = codec_name(forced_encoding)
        return Decoded(data.decode(codec, errors="replace"), codec)
    for bom, codec in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace"), codec)
    label = declared_encoding(data, content_type)
    warning = ""
    if label:
        codec = codec_name(label)
        if codec:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                warning = f"declared encoding {label} does not fit the bytes"
        else:
            warning = f"unknown encoding {label} declared"
    try:
        return Decoded(data.decode("utf-8"), "utf-8", warning)
    except UnicodeDecodeError:
        pass
    language = declared_language(data) or normalise_language(language)
    candidates = LANGUAGE_ENCODINGS.get(language)
    codec = _best(data, candidates) or (candidates[0] if candidates else "") or _best(data, None) or "cp1252"
    basis = f"language {language}" if candidates else "a guess from the bytes"
    note = f"no usable encoding declared; read as {codec} ({basis})"
    return Decoded(data.decode(codec, errors="replace"), codec, f"{warning}; {note}" if warning else note)


def as_utf8_xml(text: str) -> bytes:
    """``text`` as UTF-8 bytes whose XML declaration (if any) says ``utf-8``, for an XML parser."""
    return XML_DECLARATION_TEXT.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")
