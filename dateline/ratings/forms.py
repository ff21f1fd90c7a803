"""The vote form: the one field (``stars``, 1 to 5) the widget or the no-JavaScript form posts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_STARS, MIN_STARS

STAR_CHOICES = range(MIN_STARS, MAX_STARS + 1)


class StarsField(forms.TypedChoiceField):
    """A whole number of stars from 1 to 5 given as digits ("4", " 4 ", 4); not "4.0", "٤", True or 4.0."""

    def to_python(self, value):
        return value.strip() if isinstance(value, str) else super().to_python(value)


class VoteForm(forms.Form):
    """Validate a vote as sent. ``actions.cast_vote`` refuses an invalid one with ``InvalidStars``."""

    stars = StarsField(
        label=_("Stars"),
        choices=[(str(n), str(n)) for n in STAR_CHOICES],
        coerce=int,
        error_messages={
            "required": _("Choose from 1 to 5 stars."),
            "invalid_choice": _("Choose from 1 to 5 stars."),
        },
    )

    @classmethod
    def chosen(cls, raw) -> int | None:
        """Return ``raw`` (a posted value, a query parameter or an int) as stars 1-5, or None if it is not one."""
        form = cls({"stars": raw})
        return form.cleaned_data["stars"] if form.is_valid() else None
