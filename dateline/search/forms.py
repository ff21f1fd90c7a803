"""The search form: query, section, date range and order, all optional and forgiving."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .queries import MAX_QUERY_LENGTH

ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"
#: ISO 8601 dates (YYYY-MM-DD) are understood on every edition's page.
DATE_FORMAT = "%Y-%m-%d"
#: The date format readers type and see on each edition's page (its locale's numeric form);
#: other languages use ``DATE_FORMAT``. Browsers' own date pickers follow the browser's
#: locale, not the page's (mm/dd/yyyy on a Russian page in an American browser), so the
#: fields are text fields in the page's format.
LOCALE_DATE_FORMATS = {"ru": "%d.%m.%Y", "en": DATE_FORMAT}
#: Dates outside this range are refused (they cannot be turned into moments in time safely).
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def format_pattern(date_format: str) -> str:
    """Return ``date_format`` as readers know it, in the active language: "%d.%m.%Y" → «ДД.ММ.ГГГГ»."""
    parts = {"%d": _("DD"), "%m": _("MM"), "%Y": _("YYYY")}
    for code, text in parts.items():
        date_format = date_format.replace(code, str(text))
    return date_format


class SearchForm(forms.Form):
    """What a reader asks for. Built from ``request.GET``; invalid fields are reported and ignored.

    ``sections`` is the edition's list of (slug, title); dates are in the page's format
    (``LOCALE_DATE_FORMATS``: DD.MM.YYYY on Russian pages, YYYY-MM-DD on English ones) or
    YYYY-MM-DD (ISO 8601) on any page, read as calendar days in the agency's time zone.
    """

    q = forms.CharField(label=_("Search for"), required=False, strip=True, widget=forms.SearchInput)
    section = forms.ChoiceField(label=_("Section"), required=False)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(ORDER_RELEVANCE, _("Most relevant first")), (ORDER_NEWEST, _("Newest first"))],
    )

    def __init__(self, data, *, sections: list[tuple[str, str]]):
        super().__init__(data)
        date_format = LOCALE_DATE_FORMATS.get(get_language(), DATE_FORMAT)
        shown = format_pattern(date_format)
        for name, message in [
            ("date_from", _("Enter the start date as %(format)s.")),
            ("date_to", _("Enter the end date as %(format)s.")),
        ]:
            field = self.fields[name]
            field.input_formats = list(dict.fromkeys([date_format, DATE_FORMAT]))
            field.widget = forms.DateInput(
                format=date_format,
                attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": shown, "maxlength": 10},
            )
            field.error_messages["invalid"] = message % {"format": shown}
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
