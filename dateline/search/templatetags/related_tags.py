"""``{% related_stories page as related %}``: the related stories of an article (``search.related``)."""

from django import template

from dateline.search.related import related_articles

register = template.Library()


@register.simple_tag
def related_stories(page) -> list:
    """Return the related stories of an article (see ``dateline.search.related.related_articles``)."""
    return related_articles(page)
