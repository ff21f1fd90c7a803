"""Template tags of the errorreports app."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def errorreport_limits() -> dict:
    """Return the report limits (characters) for the page, so that its script and the server agree.

    ``{"max_selection": 200, "context_chars": 60, "max_comment": 1000}`` from the settings.
    """
    return {
        "max_selection": settings.DATELINE_ERRORREPORTS_MAX_SELECTION,
        "context_chars": settings.DATELINE_ERRORREPORTS_CONTEXT_CHARS,
        "max_comment": settings.DATELINE_ERRORREPORTS_MAX_COMMENT,
    }
