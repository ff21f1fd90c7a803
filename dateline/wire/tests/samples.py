"""Small wire sources written for these tests (no third-party text)."""

from __future__ import annotations

EN_PARAGRAPHS = [
    "The city council approved the new budget for public transport on Tuesday after a long debate.",
    "The plan adds three tram lines and forty electric buses, and it will be paid for by the regional fund.",
    "Opponents said the money would be better spent on road repairs, but the vote was carried by a wide margin.",
    "The first of the new lines is expected to open next spring, the head of the transport department said.",
]
RU_PARAGRAPHS = [
    "Городской совет во вторник утвердил новый бюджет общественного транспорта после долгого обсуждения.",
    "План предусматривает три новые трамвайные линии и сорок электробусов за счёт регионального фонда.",
    "Противники считают, что деньги лучше потратить на ремонт дорог, но решение приняли большинством голосов.",
    "Первая из новых линий откроется следующей весной, сообщил глава департамента транспорта.",
]
DE_PARAGRAPHS = [
    "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt für den Nahverkehr beschlossen.",
    "Der Plan sieht drei neue Straßenbahnlinien und vierzig Elektrobusse vor, bezahlt vom Regionalfonds.",
    "Kritiker meinen, das Geld wäre für Straßenreparaturen besser angelegt, doch die Mehrheit war deutlich.",
    "Die erste neue Linie soll im kommenden Frühjahr eröffnet werden, sagte der Leiter des Verkehrsamts.",
]


def article_page(
    title: str = "Council approves transport budget",
    paragraphs: list[str] | None = None,
    lang: str | None = "en",
    canonical: str | None = "https://news.example.com/2024/05/transport-budget",
    published: str | None = "2024-05-14T09:30:00+02:00",
    site_name: str | None = "Example News",
    author: str | None = "Jane Roe",
    extra_body: str = "",
) -> str:
    """An HTML news page with the given metadata and article paragraphs."""
    paragraphs = EN_PARAGRAPHS if paragraphs is None else paragraphs
    head = [f"<title>{title} | {site_name or 'Site'}</title>", '<meta charset="utf-8">']
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if site_name:
        head.append(f'<meta property="og:site_name" content="{site_name}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    head.append(f'<meta property="og:title" content="{title}">')
    lang_attr = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html{lang_attr}><head>{''.join(head)}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<main><article><h1>{title}</h1>{body}{extra_body}</article></main>"
        "<footer>© Example News</footer></body></html>"
    )


def rss_feed(items: list[dict], language: str | None = "en", title: str = "Example Wire", encoding: str = "") -> str:
    """An RSS 2.0 feed; each item dict may have title, link, guid, description, content, pubDate, author."""
    parts = []
    for item in items:
        fields = []
        for key in ("title", "link", "guid", "pubDate", "author"):
            if item.get(key):
                fields.append(f"<{key}>{item[key]}</{key}>")
        if item.get("description"):
            fields.append(f"<description><![CDATA[{item['description']}]]></description>")
        if item.get("content"):
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append(f"<item>{''.join(fields)}</item>")
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n' if encoding else ""
    language_element = f"<language>{language}</language>" if language else ""
    return (
        f'{declaration}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://wire.example.org/</link>{language_element}"
        f"{''.join(parts)}</channel></rss>"
    )


def paragraphs_html(paragraphs: list[str]) -> str:
    """``<p>`` elements of the paragraphs."""
    return "".join(f"<p>{p}</p>" for p in paragraphs)
