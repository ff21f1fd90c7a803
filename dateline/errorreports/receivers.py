"""Signal receivers of the errorreports app."""

from .actions import close_fixed_reports


def close_reports_on_publish(sender, instance, revision=None, **kwargs):
    """On Wagtail's ``page_published`` for an article: close the reports its new text corrected."""
    close_fixed_reports(instance, revision)
