"""The reader's comment form: name, optional e-mail, body, reply target, honeypot and nonce."""

from __future__ import annotations

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from dateline.readers import text

from .models import BODY_MAX_LENGTH, BODY_MIN_LENGTH, NAME_MAX_LENGTH

HONEYPOT_FIELD = "website"


def body_length(body: str) -> int:
    """Return the length of ``body`` in characters: code points, a CRLF line break as one (``readers.text.length``).

    The comment box's counter counts the same way in the browser.
    """
    return text.length(body)


class CommentForm(forms.Form):
    """Validate a comment; name and body are normalised by ``dateline.readers.text`` (NFC, no control
    characters or bidi overrides; the name on one line), the body otherwise kept as written.

    ``website`` is a honeypot: hidden from people, filled in by bots. ``nonce`` is the
    one-time form token (``nonces.issue_nonce``); both are checked by the view.
    """

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Please give your name."),
            "max_length": ngettext_lazy(
                "The name can have at most %(limit_value)d character.",
                "The name can have at most %(limit_value)d characters.",
                "limit_value",
            ),
        },
    )
    email = forms.EmailField(
        label=_("E-mail (optional, never shown)"),
        required=False,
        error_messages={"invalid": _("This e-mail address does not look right.")},
    )
    body = forms.CharField(
        label=_("Comment"),
        strip=False,
        # No maxlength: browsers count it in UTF-16 units and cut an emoji in half; the page's
        # counter (comments.js) counts characters as the server does.
        widget=forms.Textarea(attrs={"rows": 6, "data-max-chars": BODY_MAX_LENGTH, "minlength": BODY_MIN_LENGTH}),
        error_messages={
            "required": _("Please write your comment."),
            "null_characters_not_allowed": _("The comment contains a character that cannot be stored."),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    nonce = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this field empty"), required=False, strip=False)

    def clean_name(self) -> str:
        """Return the name normalised (``readers.text.clean_name``); refuse one with nothing visible in it."""
        name = text.clean_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please give your name."), code="required")
        if not text.has_visible(name):
            raise forms.ValidationError(
                _("The name has no visible letters: it is made of spaces or invisible characters."), code="invisible"
            )
        return name

    def clean_body(self) -> str:
        """Return the body normalised (``readers.text.clean_body``), 2–5 000 characters with something visible."""
        body = text.clean_body(self.cleaned_data["body"])
        if not body.strip():
            raise forms.ValidationError(_("Please write your comment."), code="required")
        if not text.has_visible(body):
            raise forms.ValidationError(
                _("The comment has no visible text: it is made of spaces or invisible characters."), code="invisible"
            )
        length = body_length(body)
        if length < BODY_MIN_LENGTH:
            raise forms.ValidationError(
                _("The comment is too short: write at least %(min)d characters."),
                code="too_short",
                params={"min": BODY_MIN_LENGTH},
            )
        if length > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                _("The comment is too long (%(length)s characters); at most %(max)s are allowed."),
                code="too_long",
                params={
                    "length": number_format(length, force_grouping=True),
                    "max": number_format(BODY_MAX_LENGTH, force_grouping=True),
                },
            )
        return body
