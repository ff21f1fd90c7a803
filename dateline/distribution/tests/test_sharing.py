"""Plain share links (no third-party script) and the print stylesheet of article pages."""

from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from dateline.distribution.sharing import share_links

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/en/news/talks/"
TITLE = "Talks & “quotes” in Geneva"


def test_every_network_gets_the_url_and_headline_encoded():
    links = {link.network: link for link in share_links(URL, TITLE)}
    assert list(links) == ["email", "telegram", "vk", "x", "facebook"]
    mail = urlsplit(links["email"].href)
    assert mail.scheme == "mailto" and "+" not in mail.query  # RFC 6068: spaces as %20
    assert parse_qs(mail.query) == {"subject": [TITLE], "body": [f"{TITLE}\n{URL}"]}
    expected = {
        "telegram": ("t.me", "/share/url", {"url": [URL], "text": [TITLE]}),
        "vk": ("vk.com", "/share.php", {"url": [URL], "title": [TITLE]}),
        "x": ("x.com", "/intent/post", {"url": [URL], "text": [TITLE]}),
        "facebook": ("www.facebook.com", "/sharer/sharer.php", {"u": [URL]}),
    }
    for network, (host, path, query) in expected.items():
        parts = urlsplit(links[network].href)
        assert (parts.scheme, parts.netloc, parts.path, parse_qs(parts.query)) == ("https", host, path, query)


def test_no_links_without_a_url():
    assert share_links("", TITLE) == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_article_page_has_share_links_and_no_third_party_script(client, demo, language):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    doc = lxml.html.fromstring(client.get(article.url).content)
    nav = doc.xpath("//nav[contains(@class, 'share')]")[0]
    assert nav.get("aria-label")
    links = nav.xpath(".//a")
    assert [a.get("href") for a in links] == [link.href for link in share_links(article.full_url, article.title)]
    for a in links:
        assert a.get("aria-label") and a.text_content().strip().lower() in a.get("aria-label").lower()  # label in name
        if not a.get("href").startswith("mailto:"):
            assert set(a.get("rel").split()) >= {"noopener", "noreferrer", "nofollow"}
    copy = nav.xpath(".//button[@data-copy-link]")[0]
    assert copy.get("data-copy-link") == article.full_url and copy.text_content().strip()
    # every script, style, image and frame of the page comes from the site itself
    for url in doc.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src | //iframe/@src"):
        assert url.startswith("/"), url
    assert doc.xpath("//link[@rel='stylesheet'][@media='print']/@href")


def test_print_stylesheet_hides_the_controls(client):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/print.css"), encoding="utf-8").read()
    for selector in (".share", ".related", ".comments", ".rating", ".sections-nav", ".article-aside", "form"):
        assert selector in css.split("{ display: none")[0], selector
    assert "@page" in css and "attr(href)" in css
