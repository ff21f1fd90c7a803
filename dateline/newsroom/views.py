"""Reader and editor views of the newsroom: the corrections page, withdrawing an article."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _
from wagtail.admin import messages

from dateline.news.models import ArticleCorrection, ArticlePage, EditionPage, with_public_cache

from .withdrawals import withdraw

NOTES_PER_PAGE = 30


def corrections_page(request):
    """List every correction and update of the URL's edition, newest first (``/<lang>/corrections/``).

    Only notes of articles public now (live, not view-restricted, embargo lifted). 404
    when there is no edition in the language; ``?page=`` past the end shows the last page.
    """
    edition = EditionPage.objects.live().filter(locale__language_code=get_language()).first()
    if edition is None:
        raise Http404("No edition in this language.")
    public = ArticlePage.objects.visible().descendant_of(edition)
    notes = (
        ArticleCorrection.objects.filter(article__in=public.values("pk"))
        .select_related("article")
        .order_by("-noted_at", "-pk")
    )
    page_obj = Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "edition": edition,
        "page_obj": page_obj,
        "translation_link": _other_edition_link(edition),
        "hreflang_alternates": [],
    }
    return with_public_cache(TemplateResponse(request, "newsroom/corrections_page.html", context).render())


def _other_edition_link(edition) -> tuple[str, str, str] | None:
    """(language code, language name, URL) of the other edition's corrections page."""
    for code, name in settings.LANGUAGES:
        if (
            code != edition.locale.language_code
            and EditionPage.objects.live().filter(locale__language_code=code).exists()
        ):
            with override(code):
                return code, name, reverse("newsroom:corrections")
    return None


class WithdrawForm(forms.Form):
    """The reason readers will see at the withdrawn article's address."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("Shown to readers at the article's address, in the edition's language."),
    )


def withdraw_view(request, page_id: int):
    """The admin's "Withdraw" of a live article: a reason, then unpublish. Needs publish permission."""
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdraw(article, form.cleaned_data["reason"], request.user)
        messages.success(request, _("“%(title)s” has been withdrawn.") % {"title": article.title})
        return redirect("wagtailadmin_explore", article.get_parent().pk)
    return TemplateResponse(request, "newsroom/admin/withdraw.html", {"page": article, "form": form})
