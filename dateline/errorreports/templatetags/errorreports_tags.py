"""Template tags of the errorreports app."""

from django import template

from ..actions import context_chars, max_comment, max_selection

register = template.Library()


@register.simple_tag
def errorreport_limits() -> dict:
    """Return the report limits (characters) for the page, so that its script and the server agree.

    ``{"max_selection": 200, "context_chars": 60, "max_comment": 1000}`` from the settings.
    """
    return {"max_selection": max_selection(), "context_chars": context_chars(), "max_comment": max_comment()}
