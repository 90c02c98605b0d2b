"""Forms of the programme team's and the panel's pages. Dates are GOV.UK date inputs:
three boxes named <prefix>-day, <prefix>-month and <prefix>-year."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.models import PanelVote, PncResult, Readiness

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """The GOV.UK error summary's items, each linking to its field."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items += [{"text": str(e)} for e in errors]
        elif name.endswith("-day"):
            items.append({"text": str(errors[0]), "href": f"#{name}"})  # a GOV.UK date input
        else:
            items.append({"text": str(errors[0]), "href": f"#{form[name].id_for_label}"})
    return items


class DatesForm(forms.Form):
    """A form with GOV.UK date inputs: list them in `dates` as (prefix, label, required)."""

    dates: tuple[tuple[str, Any, bool], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.date_errors: dict[str, str] = {}
        for prefix, _label, _required in self.dates:
            for part in ("day", "month", "year"):
                self.fields[f"{prefix}-{part}"] = forms.CharField(required=False)

    def _date(self, prefix: str, label: Any, required: bool) -> datetime.date | None:
        parts = [(self.data.get(f"{prefix}-{p}") or "").strip() for p in ("day", "month", "year")]
        if not any(parts):
            if required:
                self._date_error(prefix, _("Enter %(label)s") % {"label": str(label).lower()})
            return None
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            self._date_error(
                prefix, _("%(label)s must be a real date") % {"label": str(label).capitalize()}
            )
            return None

    def _date_error(self, prefix: str, message: Any) -> None:
        self.date_errors[prefix] = str(message)
        self.add_error(f"{prefix}-day", message)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix, label, required in self.dates:
            data[prefix] = self._date(prefix, label, required)
        return data

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)


class OnboardingForm(DatesForm):
    dates = (
        ("held_on", _("The date of the conversation"), True),
        ("get_back_in_touch_on", _("The date to get back in touch"), False),
    )
    trained_professional = forms.ChoiceField(
        label=_("Was readiness assessed by a trained professional?"),
        choices=YES_NO,
        error_messages={"required": _("Select yes if a trained professional assessed readiness")},
    )
    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=Readiness.choices,
        error_messages={"required": _("Select the outcome of the conversation")},
    )
    readiness_notes = forms.CharField(
        label=_("Notes on readiness (optional)"), required=False, widget=forms.Textarea
    )
    support_needs = forms.CharField(
        label=_("Support needs (optional)"), required=False, widget=forms.Textarea
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("trained_professional") == "no":
            self.add_error(
                "trained_professional",
                _("A trained professional must assess readiness before you record the outcome"),
            )
        if (
            data.get("outcome") == Readiness.DEFER
            and not data.get("get_back_in_touch_on")
            and "get_back_in_touch_on" not in self.date_errors
        ):
            self._date_error(
                "get_back_in_touch_on", _("Enter the date to get back in touch with them")
            )
        return data


class PncRequestForm(DatesForm):
    dates = (("requested_on", _("The date the check was asked for"), True),)


class PncResultForm(DatesForm):
    dates = (("received_on", _("The date the result arrived"), True),)
    result = forms.ChoiceField(
        label=_("What was the result?"),
        choices=PncResult.choices,
        error_messages={"required": _("Select the result of the check")},
    )
    disclosure_detail = forms.CharField(
        label=_("What the check disclosed"), required=False, widget=forms.Textarea
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("result") == PncResult.DISCLOSURE
            and not (data.get("disclosure_detail") or "").strip()
        ):
            self.add_error("disclosure_detail", _("Enter what the check disclosed"))
        return data


class PanelViewForm(forms.Form):
    conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest?"),
        choices=YES_NO,
        error_messages={"required": _("Select yes if you have a conflict of interest")},
    )
    conflict_detail = forms.CharField(
        label=_("Describe the conflict of interest"), required=False, widget=forms.Textarea
    )
    vote = forms.ChoiceField(
        label=_("What is your view?"), choices=PanelVote.choices, required=False
    )
    reasons = forms.CharField(
        label=_("Your reasons (optional)"), required=False, widget=forms.Textarea
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conflict") == "yes" and not (data.get("conflict_detail") or "").strip():
            self.add_error("conflict_detail", _("Describe the conflict of interest"))
        if data.get("conflict") == "no" and not data.get("vote"):
            self.add_error("vote", _("Select accept or do not accept"))
        return data

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)


class OnboardForm(DatesForm):
    dates = (("tenure_ends_on", _("The date their tenure ends"), False),)


class PlaceForm(forms.Form):
    """Which forum to place a waiting member in (choices:
    recruitment.selectors.forums_for_membership)."""

    forum = forms.ChoiceField(
        label=_("Which forum?"),
        error_messages={
            "required": _("Select a forum"),
            "invalid_choice": _("Select a forum"),
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum"].choices = choices  # type: ignore[attr-defined]

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)
