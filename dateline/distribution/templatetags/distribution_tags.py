"""Template tags of the distribution app: feed links and article metadata for ``<head>``."""

from django import template
from django.utils.safestring import mark_safe

from dateline.distribution.feeds import feed_links_for, xml_safe
from dateline.distribution.metadata import jsonld_script_text, news_article_jsonld, social_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def page_feed_links(context) -> list[dict]:
    """The feeds the current page links in ``<head>`` (see ``feeds.feed_links_for``).

    Uses the context's ``page`` (and ``tag`` on a tag page); without a page,
    the context's ``edition``. Returns a list of dicts: ``type``, ``title``, ``href``.
    """
    page = context.get("page") or context.get("edition")
    if page is None or not hasattr(page, "get_url"):
        return []
    tag = context.get("tag")
    return feed_links_for(page, tag=tag if hasattr(tag, "slug") else None)


@register.simple_tag
def article_jsonld(article) -> str:
    """The schema.org NewsArticle JSON-LD of ``article``, safe to put inside a ``<script>`` element."""
    return mark_safe(jsonld_script_text(news_article_jsonld(article)))


@register.simple_tag
def article_social_meta(article) -> list[tuple[str, str, str]]:
    """OpenGraph and Twitter tags of ``article``: (attribute, name, content) triples."""
    return social_meta(article)


@register.filter
def xml_text(value) -> str:
    """Drop the characters XML 1.0 cannot carry (use before autoescaping in XML templates)."""
    return xml_safe(value)
