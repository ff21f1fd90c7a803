"""Reader-facing views: receive a spelling-error report (JSON for the dialog, HTML without JavaScript)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from dateline.news.articles import live_article
from dateline.readers.responses import error_json, refusal_response, wants_json
from dateline.readers.tokens import client_ip, hashed, reader_fingerprint

from .actions import ReportRejected, submit_report
from .forms import ReportForm


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, page_id: int):
    """Receive a report on the live article ``page_id``, or (GET) show the no-JavaScript form.

    POST fields: ``selected_text``, ``context_before``, ``context_after``, ``comment``.
    With ``Accept: application/json`` (the dialog) answers ``{"ok": true, "message": ...}``
    (201 for a new reader, 200 for a replay) or ``{"error": {"code", "message"}}`` with 400,
    404 or 429; otherwise renders the form page with the error, or redirects (303) to
    ``?sent=1``, the thanks.
    Messages are in the request's language (the URL's language prefix).
    """
    as_json = wants_json(request)
    article = live_article(page_id)
    if article is None:
        if as_json:
            return error_json("unknown_article", _("This article does not exist or is not published."), 404)
        raise Http404("No such article.")
    # An empty POST is still a submission: bind it, so that it fails validation with its errors
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {
        "article": article,
        "edition": article.edition,
        "form": form,
        "max_selection": settings.DATELINE_ERRORREPORTS_MAX_SELECTION,
        "max_comment": settings.DATELINE_ERRORREPORTS_MAX_COMMENT,
    }
    if request.method == "GET":
        if request.GET.get("sent"):
            context["sent"] = True
            context["message"] = _("Thank you! The editors will look at the error.")
        return render(request, "errorreports/report_form.html", context)
    if not form.is_valid():
        if as_json:
            errors = form.errors.as_data()
            field = "selected_text" if "selected_text" in errors else next(iter(errors))
            error = errors[field][0]
            code = "empty" if error.code == "required" else "invalid"
            message = _("Select the text with the error first.") if code == "empty" else " ".join(error.messages)
            return error_json(code, message, 400)
        return render(request, "errorreports/report_form.html", context, status=400)
    try:
        result = submit_report(
            article_id=article.pk,
            selected_text=form.cleaned_data["selected_text"],
            context_before=form.cleaned_data["context_before"],
            context_after=form.cleaned_data["context_after"],
            comment=form.cleaned_data["comment"],
            fingerprint=reader_fingerprint(request),
            rate_key=hashed(client_ip(request), "dateline.errorreports.ip"),
        )
    except ReportRejected as refusal:

        def form_page(message: str, status: int):
            form.add_error(None, message)
            return render(request, "errorreports/report_form.html", context, status=status)

        return refusal_response(request, refusal, form_page)
    message = _("Thank you! The editors will look at the error.")
    if as_json:
        return JsonResponse({"ok": True, "message": message}, status=201 if result.counted else 200)
    # Post/Redirect/Get: the thanks page (303), from which the reader goes back to the article
    return HttpResponseRedirect(reverse("errorreports:report", args=[article.pk]) + "?sent=1", status=303)
