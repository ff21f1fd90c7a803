"""Withdrawn articles: unpublishing with a reason, and the 410 their URL answers."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import translation

from .models import Withdrawal


def withdraw(article, reason: str, user=None) -> Withdrawal:
    """Unpublish ``article`` (an ``ArticlePage``) and record the ``reason`` shown at its URL.

    Returns the ``Withdrawal``. Wagtail's ``unpublish`` sends ``page_unpublished``, so the
    page cache purges the article and the pages listing it. A later publication removes
    the withdrawal (``signal_handlers.record_publication``).
    """
    path = article.get_url() or article.url_path
    withdrawal, _created = Withdrawal.objects.update_or_create(
        article=article, defaults={"path": path, "reason": reason, "withdrawn_by": user}
    )
    if article.live:
        article.unpublish(user=user, log_action="wagtail.unpublish")
    return withdrawal


def withdrawn_response(request):
    """Return the 410 notice for a withdrawn article at ``request.path``, or ``None``.

    The notice is in the language of the article's edition (the same as the URL's).
    """
    from dateline.news.models import EditionPage

    if "\x00" in request.path:
        return None  # no article's path holds a NUL, and PostgreSQL refuses one in a query
    withdrawal = (
        Withdrawal.objects.filter(path=request.path, article__live=False).select_related("article__locale").first()
    )
    if withdrawal is None:
        return None
    article = withdrawal.article
    with translation.override(article.locale.language_code):
        edition = EditionPage.objects.live().filter(locale_id=article.locale_id).first()
        context = {"edition": edition, "withdrawal": withdrawal, "article": article}
        response = render(request, "newsroom/withdrawn.html", context, status=410)
    return response


class WithdrawnArticleMiddleware:
    """Answer 410 Gone, with the withdrawal notice, where a withdrawn article used to be.

    Only a 404 answer to a GET or HEAD is replaced: everything else passes untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            gone = withdrawn_response(request)
            if gone is not None:
                return gone
        return response
