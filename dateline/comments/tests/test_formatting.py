"""A comment body is plain text: rendered escaped, line breaks kept, links made clickable and marked."""

import lxml.html
import pytest
from django.utils import translation

from dateline.comments.formatting import comment_count_label, comment_html


def parse(html: str):
    return lxml.html.fragment_fromstring(str(html), create_parent="div")


def test_markup_and_script_tags_are_text_not_markup():
    body = '<script>alert("x")</script><b onmouseover="evil()">bold</b><img src=x onerror=alert(1)>'
    tree = parse(comment_html(body))
    assert tree.xpath("//script | //b | //img | //@onmouseover | //@onerror") == []
    assert tree.text_content() == body  # what the reader typed is shown, character for character


def test_links_are_clickable_with_nofollow_ugc():
    tree = parse(comment_html("See https://example.org/report?a=1&b=2 and www.example.com."))
    links = tree.xpath("//a")
    assert [a.get("href") for a in links] == ["https://example.org/report?a=1&b=2", "http://www.example.com"]
    assert all(a.get("rel") == "nofollow ugc" for a in links)
    assert tree.text_content() == "See https://example.org/report?a=1&b=2 and www.example.com."


def test_javascript_and_data_urls_are_not_links():
    tree = parse(comment_html('javascript:alert(1) data:text/html,<script>x</script> <a href="javascript:x">y</a>'))
    assert [a.get("href") for a in tree.xpath("//a")] == []
    assert tree.xpath("//script") == []


def test_line_breaks_and_paragraphs_are_kept():
    tree = parse(comment_html("First line\r\nsecond line\r\n\r\nNew paragraph"))
    paragraphs = tree.xpath("//p")
    assert len(paragraphs) == 2
    assert len(paragraphs[0].xpath("br")) == 1
    assert paragraphs[1].text_content() == "New paragraph"


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (0, "Комментариев пока нет"),
        (1, "1 комментарий"),
        (2, "2 комментария"),
        (5, "5 комментариев"),
        (11, "11 комментариев"),
        (21, "21 комментарий"),
        (104, "104 комментария"),
    ],
)
def test_russian_plural_forms(count, label):
    with translation.override("ru"):
        assert comment_count_label(count) == label


def test_english_plural_forms():
    with translation.override("en"):
        assert [comment_count_label(n) for n in (0, 1, 2)] == ["No comments yet", "1 comment", "2 comments"]
