"""Per-article metadata for search engines and social networks.

* schema.org ``NewsArticle`` as JSON-LD (https://schema.org/NewsArticle,
  Google's Article structured data): headline, datePublished, dateModified,
  author, publisher with logo, inLanguage, isBasedOn (the re-reported wire
  copy), translationOfWork (the agency's original), articleSection, dateline...
* OpenGraph (https://ogp.me/, type ``article``) and Twitter card tags.

Every URL is absolute; every date is ISO 8601 with the article's UTC offset;
control characters are dropped from every text.
"""

from __future__ import annotations

import json

from django.templatetags.static import static

from dateline.distribution.feeds import xml_safe
from dateline.news.models import ArticlePage
from dateline.photos.renditions import rendition_facts

from .absolute import absolute_url, site_root

#: The publisher logo (a PNG: Google wants raster logos), relative to STATIC_URL.
LOGO_STATIC_PATH = "distribution/logo.png"
#: Width in pixels of the lead-image rendition offered to search engines and social networks.
SHARE_IMAGE_WIDTH = 1200
#: OpenGraph locale (language_TERRITORY) of each edition language.
OG_LOCALES = {"en": "en_US", "ru": "ru_RU"}


def logo_url(article: ArticlePage) -> str:
    """Absolute URL of the publisher logo on the article's site."""
    return absolute_url(article, static(LOGO_STATIC_PATH))


def share_image(article: ArticlePage) -> dict | None:
    """The lead image rendition for sharing.

    A dict of ``url`` (absolute), ``width``, ``height`` (pixels), ``type`` (MIME type),
    ``alt`` (the image's alt text, else its caption, else its title), ``caption`` and
    ``credit`` (photographer/agency; may be ""). ``None`` when the article has no lead image.
    """
    image = article.lead_image
    if image is None:
        return None
    rendition = rendition_facts(image, f"width-{SHARE_IMAGE_WIDTH}|format-jpeg")
    caption = article.lead_image_caption_text
    return {
        "url": absolute_url(article, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "type": "image/jpeg",
        "alt": getattr(image, "description", "") or caption or image.title,
        "caption": caption,
        "credit": article.lead_image_credit_text,
    }


def image_object(image: dict) -> dict:
    """The schema.org ``ImageObject`` of a ``share_image`` dict: url, contentUrl, caption, creditText.

    No ``width``/``height``: schema.org wants them as ``QuantitativeValue``; OpenGraph carries them.
    """
    data = {"@type": "ImageObject", "url": image["url"], "contentUrl": image["url"]}
    if image["caption"]:
        data["caption"] = image["caption"]
    if image["credit"]:
        data["creditText"] = image["credit"]
    return data


def og_locale(language_code: str) -> str:
    """OpenGraph locale for a language code ("ru" → "ru_RU"); unknown codes pass through."""
    return OG_LOCALES.get(language_code, language_code)


def _iso(moment) -> str:
    return moment.isoformat(timespec="seconds")


def _modified(article: ArticlePage):
    """The article's ``modified_at`` in its own time zone."""
    return article.modified_at.astimezone(article.local_published_at.tzinfo)


def _clean(value):
    """``value`` with every string stripped of control characters (recursively through lists and dicts)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def news_article_jsonld(article: ArticlePage) -> dict:
    """Return the schema.org ``NewsArticle`` of ``article`` as a JSON-LD dict.

    The publisher is the edition (a ``NewsMediaOrganization`` named by its
    site name, with the logo); the author is the byline (a ``Person``) or, when
    there is none, the credited agency or the publisher (``Organization``).
    ``isBasedOn`` names the re-reported original (source URL and agency);
    ``translationOfWork`` the other edition's article this one translates.
    """
    url = article.get_full_url()
    edition = article.edition
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": edition.site_name if edition else "",
        "url": edition.get_full_url() if edition else site_root(article),
        "logo": {"@type": "ImageObject", "url": logo_url(article)},
    }
    agency = article.source_agency
    if article.byline:
        author = [{"@type": "Person", "name": article.byline}]
    elif agency is not None:
        author = [{"@type": "Organization", "name": agency.name, **({"url": agency.url} if agency.url else {})}]
    else:
        author = [{"@type": "Organization", "name": publisher["name"], "url": publisher["url"]}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title,
        "datePublished": _iso(article.local_published_at),
        "dateModified": _iso(_modified(article)),
        "inLanguage": article.locale.language_code,
        "author": author,
        "publisher": publisher,
    }
    if article.lead:
        data["description"] = article.lead
    section = article.section
    if section is not None:
        data["articleSection"] = section.title
    if article.dateline_place:
        data["dateline"] = article.dateline_place
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    image = share_image(article)
    if image is not None:
        data["image"] = [image_object(image)]
    if article.source_url or agency is not None:
        original = {"@type": "NewsArticle"}
        if article.source_url:
            original["url"] = article.source_url
        if agency is not None:
            original["publisher"] = {
                "@type": "NewsMediaOrganization",
                "name": agency.name,
                **({"url": agency.url} if agency.url else {}),
            }
        data["isBasedOn"] = original
    if article.translated_from_id:
        original = article.get_translation_or_none(article.translated_from)
        if original is not None and ArticlePage.objects.visible().filter(pk=original.pk).exists():
            data["translationOfWork"] = {"@type": "NewsArticle", "@id": original.get_full_url()}
    corrections = correction_jsonld(article)
    if corrections:
        data["correction"] = corrections
    return _clean(data)


def correction_jsonld(article: ArticlePage) -> list[dict]:
    """The article's corrections and updates as schema.org ``CorrectionComment`` objects, oldest first.

    Each has ``text``, ``datePublished`` (in the article's zone) and ``url`` (its anchor on the page).
    """
    if not article.pk:
        return []
    url = article.get_full_url() or ""
    return [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": _iso(note.noted_at.astimezone(article.local_published_at.tzinfo)),
            "url": f"{url}#note-{note.pk}",
        }
        for note in article.public_corrections()
    ]


def jsonld_script_text(data: dict) -> str:
    """Serialise JSON-LD for a ``<script type="application/ld+json">`` element.

    ``<``, ``>`` and ``&`` are written as JSON ``\\u`` escapes, so no headline
    can close the script element; the JSON value is unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def social_meta(article: ArticlePage) -> list[tuple[str, str, str]]:
    """Return OpenGraph and Twitter card tags as (attribute, name, content) triples.

    ``attribute`` is "property" for OpenGraph (``og:*``, ``article:*``) and
    "name" for Twitter (``twitter:*``). The card is ``summary_large_image``
    when there is a lead image, else ``summary``.
    """
    edition = article.edition
    language = article.locale.language_code
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", "article"),
        ("property", "og:title", article.title),
        ("property", "og:url", article.get_full_url()),
        ("property", "og:locale", og_locale(language)),
    ]
    if edition is not None:
        tags.append(("property", "og:site_name", edition.site_name))
    if article.lead:
        tags.append(("property", "og:description", article.lead))
    for code, _url in article.get_hreflang_alternates():
        if code != language:
            tags.append(("property", "og:locale:alternate", og_locale(code)))
    image = share_image(article)
    if image is not None:
        tags += [
            ("property", "og:image", image["url"]),
            ("property", "og:image:width", str(image["width"])),
            ("property", "og:image:height", str(image["height"])),
            ("property", "og:image:type", image["type"]),
            ("property", "og:image:alt", image["alt"]),
        ]
    tags.append(("property", "article:published_time", _iso(article.local_published_at)))
    tags.append(("property", "article:modified_time", _iso(_modified(article))))
    section = article.section
    if section is not None:
        tags.append(("property", "article:section", section.title))
    tags += [("property", "article:tag", tag.name) for tag in article.tags.all()]
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    tags.append(("name", "twitter:title", article.title))
    if article.lead:
        tags.append(("name", "twitter:description", article.lead))
    if image is not None:
        tags.append(("name", "twitter:image", image["url"]))
        tags.append(("name", "twitter:image:alt", image["alt"]))
    return [(attribute, name, xml_safe(content)) for attribute, name, content in tags]
