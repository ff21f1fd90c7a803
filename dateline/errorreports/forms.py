"""The report form: the fields a reader's page (or the no-JavaScript form) posts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dateline.readers import text


class ReportForm(forms.Form):
    """The posted report. Lengths and the article check are ``actions.submit_report``'s job.

    Django's ``CharField`` refuses NUL characters (they cannot be stored in PostgreSQL).
    Every field is normalised by ``dateline.readers.text.clean_body`` (NFC, no control
    characters other than line breaks and tabs, no bidi overrides); a comment with
    nothing visible in it is refused.
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

    def clean_selected_text(self) -> str:
        """The selection, normalised (it must still be found in the article's text)."""
        return text.clean_body(self.cleaned_data["selected_text"])

    def clean_context_before(self) -> str:
        """The text before the selection, normalised."""
        return text.clean_body(self.cleaned_data["context_before"])

    def clean_context_after(self) -> str:
        """The text after the selection, normalised."""
        return text.clean_body(self.cleaned_data["context_after"])

    def clean_comment(self) -> str:
        """The optional comment, normalised and stripped; one made only of invisible characters is refused."""
        comment = text.clean_body(self.cleaned_data["comment"]).strip()
        if comment and not text.has_visible(comment):
            raise forms.ValidationError(
                _("The comment has no visible text: it is made of spaces or invisible characters."), code="invisible"
            )
        return comment
