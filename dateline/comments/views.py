"""Readers' comment views: the comment form page (no JavaScript) and the POST endpoint (both paths).

With JavaScript the article's own form posts here with ``Accept: application/json``
and gets JSON back (201, or ``{"error": {"code", "message"}}`` with 400, 403, 404, 409
or 429). Without it, the article links to the form page (uncached, with a CSRF token),
which posts here and is redirected back to the article (303).
"""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dateline.news.articles import live_article
from dateline.readers.responses import Refusal, error_json, refusal_response, wants_json
from dateline.readers.tokens import client_ip, ensure_reader_id, hashed, reader_fingerprint

from . import actions
from .formatting import comment_count_label
from .forms import HONEYPOT_FIELD, CommentForm
from .models import CommentState, ReaderComment
from .nonces import NonceError, check_nonce, issue_nonce
from .reader_state import comment_json
from .threads import visible_count


def success_message(state: str) -> str:
    """Return the thank-you message for a comment stored in ``state``, in the active language."""
    if state == CommentState.APPROVED:
        return _("Thank you. Your comment is published.")
    return _("Thank you. Your comment will appear after a moderator approves it.")


def form_page(request, article, form, *, parent=None, error: str = "", status: int = 200):
    """Render the uncached comment form page (no-JavaScript path) with a fresh nonce."""
    data = form.data.copy() if form.is_bound else None
    if data is not None:
        data["nonce"] = issue_nonce(article.pk)
        form.data = data
    else:
        form.initial["nonce"] = issue_nonce(article.pk)
    response = render(
        request,
        "comments/comment_form_page.html",
        {
            "page": None,
            "article": article,
            "edition": article.edition,
            "form": form,
            "parent": parent,
            "error": error,
            "comments_open": actions.comments_open(article),
        },
        status=status,
    )
    ensure_reader_id(request, response)
    add_never_cache_headers(response)
    return response


#: The largest comment id (a 64-bit primary key); a larger number names no comment.
MAX_COMMENT_ID = 2**63 - 1


def shown_parent(article, parent_id: str | None) -> ReaderComment | None:
    """Return the approved comment ``parent_id`` (a string from the query or form) of ``article``, or ``None``.

    Only ASCII digits name a comment ("²" and "٣" are digits to ``str.isdigit`` but no id), up to
    ``MAX_COMMENT_ID``.
    """
    parent_id = str(parent_id or "")
    if not (parent_id.isascii() and parent_id.isdigit()) or not 0 < int(parent_id) <= MAX_COMMENT_ID:
        return None
    return ReaderComment.objects.filter(pk=int(parent_id), article_id=article.pk, state=CommentState.APPROVED).first()


@require_http_methods(["GET", "POST"])
def new_comment(request, page_id: int):
    """Show the comment form for article ``page_id`` (GET, ``?parent=<comment id>`` for a reply) or take one (POST).

    404 for an unknown or unpublished article. See the module docstring for the responses.
    """
    article = live_article(page_id)
    if article is None:
        if request.method == "POST" and wants_json(request):
            return error_json("unknown_article", _("This article does not exist or is no longer published."), 404)
        raise Http404(_("This article does not exist or is no longer published."))
    if request.method == "GET":
        parent = shown_parent(article, request.GET.get("parent"))
        form = CommentForm(initial={"parent": parent.pk if parent else None})
        if parent is None and request.GET.get("parent"):  # a reply link to no comment shown here
            return refusal_response(
                request,
                actions.UnknownParent(),
                html=lambda message, status: form_page(request, article, form, error=message, status=status),
            )
        return form_page(request, article, form, parent=parent)
    return take_comment(request, article)


def take_comment(request, article):
    """Validate and store a POSTed comment on ``article``; answer in JSON or redirect (see module docstring)."""
    as_json = wants_json(request)
    form = CommentForm(request.POST)

    def refuse(refusal: Refusal):
        parent = shown_parent(article, request.POST.get("parent"))
        return refusal_response(
            request,
            refusal,
            lambda message, status: form_page(request, article, form, parent=parent, error=message, status=status),
        )

    if not actions.comments_open(article):
        return refuse(actions.CommentsClosed())
    if request.POST.get(HONEYPOT_FIELD, ""):
        return refuse(
            actions.CommentRefused(
                _(
                    "Your comment was not sent: a field meant to stay empty was filled in, as robots do. "
                    "If you are a person, reload the page and try again."
                ),
                code="honeypot",
            )
        )
    try:
        nonce_hash = check_nonce(request.POST.get("nonce", ""), article.pk)
    except NonceError:
        return refuse(
            actions.CommentRefused(
                _("This form has expired or is not valid. Your text is kept: please send it again."),
                code="form_expired",
                nonce=issue_nonce(article.pk),
            )
        )
    if not form.is_valid():
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        first = next(iter(errors.values()))[0]
        if as_json:
            return error_json("invalid", first, 400, fields=errors)
        return form_page(request, article, form, error=first, status=400)
    data = form.cleaned_data
    try:
        comment = actions.post_comment(
            article=article,
            name=data["name"],
            body=data["body"],
            email=data["email"],
            parent_id=data["parent"],
            language=article.locale.language_code,
            reader_hash=reader_fingerprint(request),
            ip_hash=hashed(client_ip(request), "dateline.comments.ip"),
            nonce_hash=nonce_hash,
        )
    except actions.CommentRefused as refusal:
        return refuse(refusal)

    if as_json:
        count = visible_count(article)
        response = JsonResponse(
            {
                "comment": comment_json(comment),
                "state": comment.state,
                "message": success_message(comment.state),
                "nonce": issue_nonce(article.pk),
                "count": count,
                "countLabel": comment_count_label(count),
            },
            status=201,
        )
        add_never_cache_headers(response)
        return response
    anchor = "comment-published" if comment.state == CommentState.APPROVED else "comment-pending"
    response = HttpResponseRedirect(f"{article.url}#{anchor}")
    response.status_code = 303  # See Other: the browser GETs the article
    return response
