"""Forms for the desk supervisor's closed days and time limits."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.forms.staff import DatesForm


class ClosureForm(DatesForm):
    dates = (("day", _("The day the desk is closed"), True),)

    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example, a new bank holiday or the office moving."),
        max_length=200,
        error_messages={"required": _("Say why the desk is closed")},
    )

    @property
    def day(self) -> date:
        return self.cleaned_data["day"]  # type: ignore[no-any-return]


class TimeLimitForm(DatesForm):
    dates = (("effective_from", _("The date the change starts"), True),)

    code = forms.ChoiceField(
        label=_("Time limit"), error_messages={"required": _("Select a time limit")}
    )
    standard_working_days = forms.IntegerField(
        label=_("Working days (standard)"),
        min_value=1,
        max_value=60,
        error_messages={"required": _("Enter the number of working days")},
    )
    enhanced_working_days = forms.IntegerField(
        label=_("Working days (enhanced rights)"),
        min_value=1,
        max_value=60,
        error_messages={"required": _("Enter the number of working days")},
    )
    reason = forms.CharField(
        label=_("Why is it changing?"),
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": _("Say why the time limit is changing")},
    )

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", _("Select a time limit")), *codes]  # type: ignore[attr-defined]
