"""The search form: query, section, date range and order, all optional and forgiving."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .queries import MAX_QUERY_LENGTH

ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"
DATE_FORMAT = "%Y-%m-%d"
#: Dates outside this range are refused (they cannot be turned into moments in time safely).
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def date_field(label, invalid_message) -> forms.DateField:
    """An optional date typed or picked as YYYY-MM-DD (``<input type="date">``), refused with ``invalid_message``."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={"invalid": invalid_message},
    )


class SearchForm(forms.Form):
    """What a reader asks for. Built from ``request.GET``; invalid fields are reported and ignored.

    ``sections`` is the edition's list of (slug, title); dates are YYYY-MM-DD (ISO 8601),
    read as calendar days in the agency's time zone.
    """

    q = forms.CharField(label=_("Search for"), required=False, strip=True, widget=forms.SearchInput)
    section = forms.ChoiceField(label=_("Section"), required=False)
    date_from = date_field(_("From"), _("Enter the start date as YYYY-MM-DD."))
    date_to = date_field(_("To"), _("Enter the end date as YYYY-MM-DD."))
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(ORDER_RELEVANCE, _("Most relevant first")), (ORDER_NEWEST, _("Newest first"))],
    )

    def __init__(self, data, *, sections: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["section"].choices = [("", _("All sections")), *sections]
        self.fields["section"].error_messages["invalid_choice"] = _("There is no such section; searching all sections.")
        self.fields["order"].error_messages["invalid_choice"] = _("Unknown order; showing the most relevant first.")
        self.fields["q"].widget.attrs.update({"maxlength": MAX_QUERY_LENGTH})

    def _clean_date(self, name: str) -> datetime.date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise forms.ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="date_out_of_range",
                params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date and is ignored."))
        return cleaned
