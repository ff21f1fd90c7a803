"""Template tags of the comments app: an article's approved thread and a comment's safe HTML."""

from django import template
from django.utils.translation import gettext

from ..formatting import comment_count_label, comment_html
from ..threads import approved_thread

register = template.Library()


@register.simple_tag
def article_comments(article):
    """Return the article's approved ``Thread`` (comments with replies, count, open)."""
    return approved_thread(article)


@register.filter
def comment_body(body: str):
    """Render a stored plain-text comment body as safe HTML (see ``formatting.comment_html``)."""
    return comment_html(body)


@register.simple_tag
def comments_count_label(count: int) -> str:
    """Return "N comments" in the active language."""
    return comment_count_label(count)


@register.simple_tag
def comments_strings() -> dict:
    """Return the comment script's interface strings in the active language (for ``json_script``)."""
    return {
        "awaiting": gettext("Awaiting moderation"),
        "replyingTo": gettext("Reply to %(name)s"),
        "addComment": gettext("Add comment"),
        "sending": gettext("Sending…"),
        "failed": gettext("Your comment could not be sent. Please check your connection and try again."),
        "closed": gettext("Comments are closed on this article."),
    }


@register.simple_tag
def comment_counter_texts() -> dict:
    """Return the comment box counter's texts in the active language; charcount.js fills ``%(count)s``, ``%(max)s``."""
    return {
        "counter": gettext("%(count)s of %(max)s characters"),
        "too_long": gettext("Too long: %(count)s characters, at most %(max)s"),
    }
