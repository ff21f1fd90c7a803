"""RSS 2.0 and Atom 1.0 feeds of an edition, a section, a dossier or a tag.

Built on Django's syndication framework. Feed URLs live inside the language
prefix as routes of the pages (see ``news.models.FeedRoutesMixin``)::

    /en/feed/rss/                     edition          /en/feed/atom/
    /en/news/feed/rss/                section          /en/news/feed/atom/
    /en/<dossier-slug>/feed/rss/      dossier          .../feed/atom/
    /en/tags/<tag-slug>/feed/rss/     tag (edition)    .../feed/atom/

Each item carries the article's headline, link, publish time in the article's
own time zone (RFC 822 in RSS, RFC 3339 in Atom), language, byline, credited
source agency (``<source>``), tags and section as categories, the lead image as
an enclosure, and either the full text or only the lead
(``settings.DATELINE_FEED_FULL_TEXT``).

Characters that XML 1.0 forbids (C0 controls other than tab/newline/return,
U+FFFE/U+FFFF, lone surrogates) are removed from every string before it is
written: they cannot be represented in a well-formed document.
"""

from __future__ import annotations

import io
import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage, attach_tags

from .absolute import absolute_url, article_html

#: Items per feed (the newest articles).
FEED_ITEMS = 50
#: Width in pixels of the lead-image rendition offered as an enclosure.
ENCLOSURE_WIDTH = 1200

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text) -> str:
    """Return ``text`` as a string without the characters XML 1.0 cannot carry.

    Keeps tab, newline, carriage return and every character of the XML 1.0
    ``Char`` production (https://www.w3.org/TR/xml/#charsets); drops the rest
    (e.g. U+000B, U+0000, U+FFFF). ``None`` becomes "".
    """
    if text is None:
        return ""
    return _XML_ILLEGAL.sub("", str(text))


@dataclass
class FeedSource:
    """What a feed lists: the articles of an edition, a section, a dossier or a tag.

    ``page`` is the edition, section or dossier page; ``tag`` narrows an edition
    feed to the articles that carry it.
    """

    page: EditionPage | SectionPage | DossierPage
    edition: EditionPage
    tag: Tag | None = None

    @property
    def language(self) -> str:
        """The language code of the edition (e.g. "en", "ru")."""
        return self.edition.locale.language_code

    @property
    def page_url(self) -> str:
        """Absolute URL of the HTML page the feed mirrors."""
        url = self.page.get_full_url()
        if self.tag is not None:
            url += f"tags/{self.tag.slug}/"
        return url

    def feed_url(self, feed_format: str) -> str:
        """Absolute URL of this source's feed in ``feed_format`` ("rss" or "atom")."""
        return f"{self.page_url}feed/{feed_format}/"

    def title(self) -> str:
        """The feed title in the edition's language (the page's ``feed_title``)."""
        return self.page.feed_title(self.tag)

    def description(self) -> str:
        """The feed description in the edition's language (the page's ``feed_description``)."""
        return self.page.feed_description(self.tag)

    def articles(self):
        """The articles of the feed, newest first (the page's ``feed_articles``), with what items show."""
        return self.page.feed_articles(self.tag).select_related("source_agency", "lead_image", "locale")


class BufferedFeedMixin:
    """A feed generator that writes the document into memory, then to ``outfile`` at once.

    Django's generators write each tag and text run to the response separately (about 2,300
    writes for a feed of 50 items, each encoded and appended on its own); one write of the
    whole document gives the same bytes.
    """

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class DatelineRssFeed(BufferedFeedMixin, Rss201rev2Feed):
    """RSS 2.0 with ``dc:language``, ``content:encoded`` (full text) and ``<source>`` (credited agency)."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        attrs["xmlns:dc"] = "http://purl.org/dc/elements/1.1/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("language"):
            handler.addQuickElement("dc:language", item["language"])
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        if item.get("source_name") and item.get("source_url"):
            # RSS 2.0 <source>: the name of the channel the item came from; url is required.
            handler.addQuickElement("source", item["source_name"], {"url": item["source_url"]})


class DatelineAtomFeed(BufferedFeedMixin, Atom1Feed):
    """Atom 1.0 (RFC 4287) with ``xml:lang`` per entry, ``<content>`` and ``<source>``."""

    def item_attributes(self, item):
        attrs = super().item_attributes(item)
        if item.get("language"):
            attrs["xml:lang"] = item["language"]
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        if item.get("source_name"):
            handler.startElement("source", {})
            handler.addQuickElement("title", item["source_name"])
            if item.get("source_url"):
                handler.addQuickElement("link", "", {"rel": "alternate", "href": item["source_url"]})
            handler.endElement("source")


class ArticleFeed(Feed):
    """The Django feed of a ``FeedSource``; ``feed_type`` is set by the RSS/Atom subclasses.

    Call it as a view: ``RssArticleFeed()(request, source=FeedSource(...))``.
    Every string goes through ``xml_safe``; dates are aware and shown in the
    article's own time zone.
    """

    feed_format = "rss"

    def get_object(self, request, source: FeedSource):
        return source

    def get_feed(self, obj: FeedSource, request):
        self.request = request
        with translation.override(obj.language):
            return super().get_feed(obj, request)

    # Channel / feed
    def title(self, obj: FeedSource) -> str:
        return xml_safe(obj.title())

    def link(self, obj: FeedSource) -> str:
        return obj.page_url

    def feed_url(self, obj: FeedSource) -> str:
        return obj.feed_url(self.feed_format)

    def feed_guid(self, obj: FeedSource) -> str:
        return obj.feed_url(self.feed_format)

    def description(self, obj: FeedSource) -> str:
        return xml_safe(obj.description())

    def subtitle(self, obj: FeedSource) -> str:
        return xml_safe(obj.description())

    def author_name(self, obj: FeedSource) -> str:
        return xml_safe(obj.edition.site_name)

    def author_link(self, obj: FeedSource) -> str:
        return obj.edition.get_full_url()

    def items(self, obj: FeedSource):
        articles = list(obj.articles()[:FEED_ITEMS])
        attach_tags(articles)
        # Section titles of all items in one query (an article's parent is its section).
        parent_paths = {article.path[: -Page.steplen] for article in articles}
        self._section_titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
        return articles

    # Items
    def item_title(self, item: ArticlePage) -> str:
        # Plain text: the generator escapes it once for XML.
        return xml_safe(item.title)

    def item_url(self, item: ArticlePage) -> str:
        """The article's full URL, worked out once per item (link, guid, content and enclosure use it)."""
        urls = self.__dict__.setdefault("_item_urls", {})
        if item.pk not in urls:
            urls[item.pk] = item.get_full_url(self.request)
        return urls[item.pk]

    def item_link(self, item: ArticlePage) -> str:
        return self.item_url(item)

    def item_guid(self, item: ArticlePage) -> str:
        return self.item_url(item)

    def item_guid_is_permalink(self, item: ArticlePage) -> bool:
        return True

    def item_description(self, item: ArticlePage) -> str:
        # RSS <description> / Atom <summary type="html"> are HTML: the plain-text lead is escaped.
        return escape(xml_safe(item.lead)) if item.lead else ""

    def item_pubdate(self, item: ArticlePage):
        return item.local_published_at.replace(microsecond=0)

    def item_updateddate(self, item: ArticlePage):
        return item.modified_at.astimezone(item.local_published_at.tzinfo).replace(microsecond=0)

    def item_author_name(self, item: ArticlePage) -> str | None:
        return xml_safe(item.byline) or None

    def item_categories(self, item: ArticlePage) -> list[str]:
        section_title = self._section_titles.get(item.path[: -Page.steplen])
        names = [section_title] if section_title else []
        names += [tag.name for tag in item.tags.all()]
        return [xml_safe(name) for name in names]

    def item_enclosures(self, item: ArticlePage) -> list[Enclosure]:
        if item.lead_image is None:
            return []
        rendition = item.lead_image.get_rendition(f"width-{ENCLOSURE_WIDTH}")
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
        return [Enclosure(absolute_url(item, rendition.url), str(rendition.file.size), mime_type)]

    def item_extra_kwargs(self, item: ArticlePage) -> dict:
        extra = {"language": item.locale.language_code}
        if settings.DATELINE_FEED_FULL_TEXT:
            extra["content"] = xml_safe(article_html(item.body, self.item_url(item), lead=item.lead))
        agency = item.source_agency
        if agency is not None:
            extra["source_name"] = xml_safe(agency.name)
            extra["source_url"] = item.source_url or agency.url or None
        return extra


class RssArticleFeed(ArticleFeed):
    """RSS 2.0 (https://www.rssboard.org/rss-specification) with RFC 822 dates."""

    feed_type = DatelineRssFeed
    feed_format = "rss"


class AtomArticleFeed(ArticleFeed):
    """Atom 1.0 (RFC 4287) with RFC 3339 dates."""

    feed_type = DatelineAtomFeed
    feed_format = "atom"


FEED_CLASSES = {"rss": RssArticleFeed, "atom": AtomArticleFeed}


def serve_feed(request, page, feed_format: str, tag: Tag | None = None):
    """Return the HTTP response with the feed of ``page`` (edition, section or dossier) in ``feed_format``.

    ``tag`` narrows an edition's feed to the articles that carry it. Raises
    ``Http404`` for an unknown format or a page without an edition.
    """
    if feed_format not in FEED_CLASSES:
        raise Http404(_("No such feed format."))
    edition = page.edition
    if edition is None:
        raise Http404(_("This page has no edition."))
    return FEED_CLASSES[feed_format]()(request, source=FeedSource(page=page, edition=edition, tag=tag))


def feed_links_for(page, tag: Tag | None = None) -> list[dict]:
    """Return the feeds a page's ``<head>`` should link: dicts of ``type``, ``title`` and ``href``.

    Edition (and tag) pages link their own feeds; sections and dossiers their
    own and the edition's; articles their section's, dossier's and edition's.
    Titles are in the active language. Returns ``[]`` for a page outside an edition.
    """
    page = getattr(page, "specific", page)
    edition = getattr(page, "edition", None)
    if edition is None:
        return []
    sources = [FeedSource(page=edition, edition=edition, tag=tag)] if tag is not None else []
    sources += [FeedSource(page=feed_page, edition=edition) for feed_page in page.linked_feed_pages()]
    sources.append(FeedSource(page=edition, edition=edition))
    links = []
    for source in sources:
        title = source.title()
        links.append(
            {
                "type": "application/rss+xml",
                "title": _("%(feed)s (RSS)") % {"feed": title},
                "href": source.feed_url("rss"),
            }
        )
        links.append(
            {
                "type": "application/atom+xml",
                "title": _("%(feed)s (Atom)") % {"feed": title},
                "href": source.feed_url("atom"),
            }
        )
    return links
