"""No page of one edition shows an interface string of the other language.

The reference site shows Russian dialog strings on its English pages; Dateline
never does. The test walks every page reachable by links from each edition's
home (every page type: edition, section, article, dossier, tag, and whatever
reader pages the apps link to), plus the reader-state JSON, and fails when

* an English page carries Cyrillic text (outside an element whose ``lang``
  attribute names another language, such as the language switch), or any
  Russian translation of an interface string;
* a Russian page carries Latin text, or any English interface string (every
  ``msgid`` of every catalogue, its placeholders matching anything), in text
  nodes, in the attributes a reader meets (title, aria-label, placeholder, alt,
  value, data-*), or in JSON embedded for scripts.
"""

import gettext
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import lxml.html
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
READER_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "value")
READER_META = ("description", "og:title", "og:description", "og:site_name", "twitter:title", "twitter:description")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Names written in Latin letters in Russian text too: formats, standards and key names.
LATIN_NAMES = re.compile(r"\b(RSS|Atom|UTC|JSON|ninjs|Ctrl|Enter|Esc)\b")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\\\{[a-z_]+\\\}")
MAX_PAGES = 150
BUTTONS = ("submit", "button", "reset")
TOKEN = re.compile(r"[\w:.+/=-]{20,}")  # signed tokens and nonces, not words


def catalogue() -> dict[str, str]:
    """Every msgid → Russian msgstr of Dateline's compiled catalogues (plural forms included)."""
    pairs = {}
    for mo in PACKAGE.glob("**/locale/ru/LC_MESSAGES/*.mo"):
        with mo.open("rb") as handle:
            for key, value in gettext.GNUTranslations(handle)._catalog.items():
                msgid = key[0] if isinstance(key, tuple) else key
                if msgid:
                    pairs[msgid] = value
    assert pairs, "no compiled catalogue: run `make messages`"
    return pairs


def pattern(text: str) -> re.Pattern | None:
    """A regex matching ``text`` as a whole string, its placeholders matching anything."""
    if not LATIN_WORD.search(PLACEHOLDER.sub("", text)) and not CYRILLIC.search(text):
        return None  # a format string such as "j E Y" or "%(date)s, %(time)s"
    if len(PLACEHOLDER.sub("", re.escape(text)).strip()) < 3:
        return None
    return re.compile(PLACEHOLDER.sub(".+?", re.escape(text.strip())), re.DOTALL)


def reader_strings(html: str, language: str) -> list[str]:
    """Text nodes, reader-facing attributes and JSON strings of a page, outside other-language elements."""
    tree = lxml.html.fromstring(html)
    strings = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if any(a.get("lang") not in (None, language) for a in [element, *element.iterancestors()]):
            continue
        if element.tag == "script":
            if element.get("type") == "application/json" and element.text:
                strings.extend(json_strings(json.loads(element.text)))
            continue
        if element.tag == "style":
            continue
        if element.tag == "meta":
            if element.get("name", element.get("property")) in READER_META:
                strings.append(element.get("content", ""))
            continue
        if element.tag == "input" and element.get("type") == "hidden":
            continue
        strings.extend(t for t in (element.text, element.tail) if t and t.strip())
        for name, value in element.attrib.items():
            if name == "value" and not (element.tag in ("input", "button") and element.get("type") in BUTTONS):
                continue  # a form value sent to the server, not shown
            if name in READER_ATTRIBUTES or (name.startswith("data-") and not name.endswith(("-url", "-id"))):
                if value.strip() not in ("", "true", "false") and not value.startswith(("/", "http", "#", "{", "[")):
                    strings.append(value)
    return [s.strip() for s in strings]


def json_strings(data) -> list[str]:
    """All string values of a JSON document."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in json_strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in json_strings(v)]
    return []


def leaks(strings: list[str], language: str, pairs: dict[str, str]) -> list[str]:
    """Return the strings of ``strings`` that belong to the other language."""
    found = []
    strings = [s for s in strings if not TOKEN.fullmatch(s)]
    if language == "en":
        foreign = [pattern(ru) for ru in pairs.values() if ru]
        found += [s for s in strings if CYRILLIC.search(s)]
    else:
        foreign = [pattern(en) for en, ru in pairs.items() if en != ru]
        found += [s for s in strings if LATIN_WORD.search(LATIN_NAMES.sub("", PLACEHOLDER.sub("", s)))]
    foreign = [p for p in foreign if p is not None]
    found += [s for s in strings if any(p.fullmatch(s) for p in foreign)]
    return sorted(set(found))


def crawl(client, start: str, language: str) -> dict[str, str]:
    """Fetch every HTML page under ``/<language>/`` reachable from ``start``; return {path: html}."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in lxml.html.fromstring(html).xpath("//a/@href | //form[@method='get' or not(@method)]/@action"):
            url = urlparse(urljoin(path, href))
            if url.netloc in ("", "testserver") and url.path.startswith(f"/{language}/"):
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_interface_string_of_the_other_language(client, demo, language):
    from dateline.news.models import ArticlePage

    pairs = catalogue()
    article = ArticlePage.objects.get(locale__language_code=language)
    pages = crawl(client, f"/{language}/", language)
    query = {"en": "treaty", "ru": "договор"}[language]
    pages[f"/{language}/search/?q={query}"] = client.get(f"/{language}/search/", {"q": query}).content.decode()
    kinds = {
        "edition": f"/{language}/",
        "article": article.url,
        "dossier": article.dossier.url,
        "section": article.get_parent().url,
    }
    for kind, url in kinds.items():
        assert url in pages, f"the walk did not reach the {kind} page {url}"
    assert any("/tags/" in path for path in pages), "the walk did not reach a tag page"

    problems = {}
    for path, html in pages.items():
        assert f'<html lang="{language}"' in html, path
        found = leaks(reader_strings(html, language), language, pairs)
        if found:
            problems[path] = found
    state = client.get(f"/{language}/-/reader/state/{article.pk}/").json()
    state.pop("csrfToken")
    found = leaks(json_strings(state), language, pairs)
    if found:
        problems["reader state"] = found
    assert problems == {}


def test_the_check_catches_a_leak():
    """The leak check itself: a Russian dialog string on an English page is caught."""
    pairs = {
        "Report a spelling error": "Сообщите об орфографической ошибке",
        "Page %(n)s of %(t)s": "Стр. %(n)s из %(t)s",
    }
    html = '<html lang="en"><body><h2>Сообщите об орфографической ошибке</h2><a lang="ru">Русский</a></body></html>'
    assert leaks(reader_strings(html, "en"), "en", pairs) == ["Сообщите об орфографической ошибке"]
    html = '<html lang="ru"><body><p>Page 2 of 7</p><button title="Report a spelling error">x</button></body></html>'
    assert leaks(reader_strings(html, "ru"), "ru", pairs) == ["Page 2 of 7", "Report a spelling error"]
