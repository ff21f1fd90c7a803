"""Plain share links of an article: e-mail, Telegram, VK, X, Facebook, and "copy link".

Each is an ordinary link to the network's own share page (or a ``mailto:`` address) with the
article's canonical URL and headline in its query string: no third-party script, button,
pixel or cookie is on Dateline's page, and nothing is sent anywhere until the reader clicks.
"Copy link" is a button that Dateline's own ``distribution/share.js`` enables.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: (network, visible label, accessible name, share-page address with {url} and {title}).
NETWORKS: list[tuple[str, Promise | str, Promise, str]] = [
    ("email", _("E-mail"), _("Send by e-mail"), "mailto:?{query}"),
    ("telegram", _("Telegram"), _("Share on Telegram"), "https://t.me/share/url?{query}"),
    ("vk", _("VK"), _("Share on VK"), "https://vk.com/share.php?{query}"),
    ("x", "X", _("Share on X"), "https://x.com/intent/post?{query}"),
    ("facebook", _("Facebook"), _("Share on Facebook"), "https://www.facebook.com/sharer/sharer.php?{query}"),
]


@dataclass(frozen=True)
class ShareLink:
    """One share link: ``network`` key, visible ``label``, accessible ``name``, ``href``."""

    network: str
    label: str
    name: str
    href: str


def _query(network: str, url: str, title: str) -> str:
    if network == "email":  # RFC 6068: spaces as %20, not "+"
        return urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote)
    if network == "telegram":
        return urlencode({"url": url, "text": title})
    if network == "vk":
        return urlencode({"url": url, "title": title})
    if network == "x":
        return urlencode({"url": url, "text": title})
    return urlencode({"u": url})


def share_links(url: str, title: str) -> list[ShareLink]:
    """Return the share links of the page at ``url`` (absolute) headed ``title``, in ``NETWORKS`` order.

    Labels are in the active language. Returns [] when ``url`` is empty (an unsaved preview).
    """
    if not url:
        return []
    return [
        ShareLink(network, str(label), str(name), template.format(query=_query(network, url, title)))
        for network, label, name, template in NETWORKS
    ]
