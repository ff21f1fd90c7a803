"""``{% share_links page as links %}``: the plain share links of a page (see ``distribution.sharing``)."""

from django import template

from dateline.distribution.sharing import share_links as build_share_links

register = template.Library()


@register.simple_tag
def share_links(page) -> list:
    """Return the ``ShareLink`` list of ``page`` (its full URL and headline); [] without a URL."""
    return build_share_links(page.get_full_url() or "", page.title)
