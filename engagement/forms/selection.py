"""The fair selection page's forms (engagement/views/selection.py): which categories to
balance (a GET form, so the quotas table follows without JavaScript), then the quotas,
a minimum and a maximum for each value, prefilled from the Census, and an optional seed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement import census
from engagement.selection import Quotas, default_quotas
from recruitment.forms import error_list


def category_choices() -> list[tuple[str, str]]:
    return [(field, census.field_label(field)) for field in census.FIELDS]


class CategoriesForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("Categories to balance"),
        help_text=_("The draw keeps each chosen category within its quotas."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()  # type: ignore[attr-defined]

    def chosen(self) -> list[str]:
        if not self.is_valid():
            return []
        return [c for c in census.FIELDS if c in self.cleaned_data["categories"]]

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)


def quota_name(category: str, value: str, end: str) -> str:
    return f"q-{category}-{value}-{end}"


class QuotasForm(forms.Form):
    """Hidden categories, then q-<category>-<value>-min and -max for each constrained value,
    and the seed."""

    categories = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    seed = forms.CharField(
        label=_("Seed (optional)"),
        help_text=_(
            "Leave this empty: a new random seed is made and shown after the draw. Enter a "
            "seed only to repeat a draw someone else can check."
        ),
        required=False,
        max_length=18,
    )

    def __init__(self, *args: Any, categories: Sequence[str], places: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()  # type: ignore[attr-defined]
        self.places = places
        self.balanced = [c for c in census.FIELDS if c in categories]
        defaults = default_quotas(self.balanced, places)
        self.rows: list[tuple[str, list[dict[str, Any]]]] = []
        for category in self.balanced:
            rows = []
            for value in census.values_for(category):
                row: dict[str, Any] = {"value": value, "min": None, "max": None}
                if value.constrained:
                    for end in ("min", "max"):
                        name = quota_name(category, value.code, end)
                        self.fields[name] = forms.IntegerField(
                            label=_("%(end)s for %(value)s")
                            % {
                                "end": _("Minimum") if end == "min" else _("Maximum"),
                                "value": value.label,
                            },
                            min_value=0,
                            max_value=places,
                            initial=defaults[category][value.code][end],
                            error_messages={
                                "required": _("Enter a minimum and a maximum for %(value)s")
                                % {"value": value.label},
                                "invalid": _("Enter a whole number for %(value)s")
                                % {"value": value.label},
                                "min_value": _("Enter 0 or more for %(value)s")
                                % {"value": value.label},
                                "max_value": _("Enter %(places)s or fewer for %(value)s")
                                % {"places": places, "value": value.label},
                            },
                        )
                        row[end] = self[name]
                rows.append(row)
            self.rows.append((category, rows))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for category in self.balanced:
            for value in census.values_for(category):
                low = data.get(quota_name(category, value.code, "min"))
                high = data.get(quota_name(category, value.code, "max"))
                if low is not None and high is not None and low > high:
                    self.add_error(
                        quota_name(category, value.code, "min"),
                        _("The minimum for %(value)s must not be more than its maximum")
                        % {"value": value.label},
                    )
        return data

    def quotas(self) -> Quotas:
        """The quotas entered ("Prefer not to say", "Not given" and "Outside the area" are
        never constrained)."""
        data = self.cleaned_data
        result: Quotas = {}
        for category in self.balanced:
            result[category] = {}
            for value in census.values_for(category):
                if value.constrained:
                    result[category][value.code] = {
                        "min": data[quota_name(category, value.code, "min")],
                        "max": data[quota_name(category, value.code, "max")],
                    }
                else:
                    result[category][value.code] = {"min": 0, "max": self.places}
        return result

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)
