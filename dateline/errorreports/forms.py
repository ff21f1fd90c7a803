"""The report form: the fields a reader's page (or the no-JavaScript form) posts."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    """The posted report. Lengths and the article check are ``actions.submit_report``'s job.

    Django's ``CharField`` refuses NUL characters (they cannot be stored in PostgreSQL).
    """

    selected_text = forms.CharField(
        label=_("Text with the error"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Copy the words with the error from the article."),
        strip=False,
    )
    context_before = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    context_after = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
