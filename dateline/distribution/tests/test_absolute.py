"""One module for absolute URLs: links made absolute, the fragment's text kept escaped (feeds and ninjs alike)."""

import lxml.html
import pytest

from dateline.distribution.absolute import absolutize_html
from dateline.distribution.ninjs import article_to_ninjs

LEADING_TEXT = 'Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; <a href="/en/news/x/">link</a><p>more</p>'


def test_absolutize_html_keeps_leading_text_escaped():
    html = absolutize_html(LEADING_TEXT, "https://example.org/en/news/y/")
    assert html == (
        'Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; <a href="https://example.org/en/news/x/">link</a>'
        "<p>more</p>"
    )
    assert absolutize_html("  ", "https://example.org/") == ""


def test_ninjs_body_keeps_text_before_the_first_tag_escaped(en_article):
    en_article.body = LEADING_TEXT
    en_article.save_revision().publish()
    body = article_to_ninjs(type(en_article).objects.get(pk=en_article.pk))["bodies"][0]["value"]
    assert body.startswith("Tom &amp; Jerry &lt;script&gt;")
    assert not lxml.html.fragment_fromstring(body, create_parent="div").xpath("//script")


def uncached_article_html(body, base_url, lead=""):
    from django.utils.html import escape
    from wagtail.rich_text import expand_db_html

    expanded = expand_db_html(body)
    return absolutize_html(f"<p>{escape(lead)}</p>{expanded}" if lead else expanded, base_url)


def test_an_article_text_is_made_once_per_text_address_and_language(en_article, ru_article, monkeypatch):
    from django.utils import translation

    from dateline.distribution import absolute
    from dateline.distribution.absolute import article_html

    body = f'<p>See <a linktype="page" id="{en_article.pk}">the story</a> and <a href="/en/">home</a>.</p>'
    base = "https://example.org/en/news/y/"
    with translation.override("en"):
        english = article_html(body, base, lead="Lead & more")
        assert english == uncached_article_html(body, base, lead="Lead & more")
    with translation.override("ru"):  # the link goes to the page's version in the active language
        russian = article_html(body, base, lead="Lead & more")
        assert russian == uncached_article_html(body, base, lead="Lead & more") != english
    with translation.override("en"):
        for changed in [(body, "https://other.example/en/", ""), (body, base, ""), (body + "<p>x</p>", base, "Lead")]:
            assert article_html(*changed) == uncached_article_html(*changed)
        monkeypatch.setattr(absolute, "expand_db_html", lambda html: pytest.fail("expanded again"))
        assert article_html(body, base, lead="Lead & more") == english
