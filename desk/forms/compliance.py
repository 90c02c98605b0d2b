"""The period of the compliance page and its downloads: from one month to another, by the
month tasks were due (a GET form: the choice stays in the address, which holds no personal
data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from desk.forms.common import ErrorList
from desk.measures import Period
from desk.selectors.compliance import default_period, months_offered, period_for


def _month_value(month: date) -> str:
    return month.strftime("%Y-%m")


class PeriodForm(ErrorList, forms.Form):
    """From and to months, newest first; blank means the default (the last 12 months)."""

    from_month = forms.ChoiceField(label=_("Due from"), required=False)
    to_month = forms.ChoiceField(label=_("Due to"), required=False)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.months = {_month_value(m): m for m in months_offered(today)}
        choices = [(value, date_format(m, "F Y")) for value, m in self.months.items()]
        default = default_period(today)
        for name in ("from_month", "to_month"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        self.fields["from_month"].initial = _month_value(default.first)
        self.fields["to_month"].initial = _month_value(default.last)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from_month"), data.get("to_month")
        if first and last and first > last:
            self.add_error(
                "to_month", _("The month to must be the same as or after the month from.")
            )
        return data

    def period(self) -> Period:
        """The period chosen, or the default one when the form is blank or wrong."""
        default = default_period(self.today)
        if not self.is_bound or not self.is_valid():
            return default
        first = self.months.get(self.cleaned_data.get("from_month") or "", default.first)
        last = self.months.get(self.cleaned_data.get("to_month") or "", self.today.replace(day=1))
        if first > last:
            return default
        return period_for(first, last, today=self.today)

    def query(self) -> str:
        """The period as a query string, for the download links."""
        period = self.period()
        return f"from_month={_month_value(period.first)}&to_month={_month_value(period.last)}"
