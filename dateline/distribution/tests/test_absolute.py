"""One module for absolute URLs: links made absolute, the fragment's text kept escaped (feeds and ninjs alike)."""

import lxml.html

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
