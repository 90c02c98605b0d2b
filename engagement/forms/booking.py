"""Forms of the booking pages: the programme team's slots, a participant's choice of time,
their details for the day and their answer about being recorded. The rules are in
engagement.services.booking."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.services.booking import DETAILS_MAX_CHARS
from recruitment.forms.staff import DatesForm, error_list

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class ErrorList:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


def parse_time(value: str) -> datetime.time | None:
    """ "14:30", "9.00" -> a time; None for anything else."""
    match = _TIME.match(value or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class SlotForm(DatesForm):
    dates = (("date", _("Date"), True),)
    start_time = forms.CharField(
        label=_("Start time"),
        help_text=_("Use the 24-hour clock, for example 14:00"),
        error_messages={"required": _("Enter a start time")},
    )
    end_time = forms.CharField(
        label=_("End time"),
        help_text=_("Use the 24-hour clock, for example 15:30"),
        error_messages={"required": _("Enter an end time")},
    )
    mode = forms.ChoiceField(
        label=_("How will people take part?"),
        error_messages={
            "required": _("Select how people will take part"),
            "invalid_choice": _("Select how people will take part"),
        },
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Enter the number of places"),
            "invalid": _("The number of places must be a whole number, like 6"),
            "min_value": _("There must be at least 1 place"),
            "max_value": _("There can be at most 500 places"),
        },
    )
    where = forms.CharField(
        label=_("Venue or joining link"),
        help_text=_(
            "The venue's name and address, or the link to join online. Only people with a "
            "confirmed place are sent it."
        ),
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, modes: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = modes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day = data.get("date")
        start = parse_time(data.get("start_time") or "")
        end = parse_time(data.get("end_time") or "")
        if data.get("start_time") and start is None:
            self.add_error("start_time", _("Enter a start time like 14:00"))
        if data.get("end_time") and end is None:
            self.add_error("end_time", _("Enter an end time like 15:30"))
        if day is not None and start is not None and end is not None:
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end))
        return data


class BookForm(ErrorList, forms.Form):
    slot = forms.ChoiceField(
        label=_("Choose a time"),
        error_messages={
            "required": _("Select a time"),
            "invalid_choice": _("Select a time"),
        },
    )

    def __init__(self, *args: Any, slots: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = slots  # type: ignore[attr-defined]


class DetailsForm(ErrorList, forms.Form):
    phone = forms.CharField(
        label=_("A phone number we can ring you on"),
        help_text=_("For example, 07700 900 982"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("Enter a phone number of 40 characters or fewer")},
    )
    access = forms.CharField(
        label=_("Anything we should arrange so that you can take part (optional)"),
        help_text=_(
            "For example, step-free access, a British Sign Language interpreter or breaks."
        ),
        required=False,
        max_length=DETAILS_MAX_CHARS,
        widget=forms.Textarea,
        error_messages={"max_length": _("Enter %(limit_value)s characters or fewer")},
    )

    def __init__(self, *args: Any, phone_needed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not phone_needed:
            self.fields["phone"].label = _("A phone number we can ring you on (optional)")


class ConsentForm(ErrorList, forms.Form):
    answer = forms.ChoiceField(
        label=_("Do you agree to be recorded?"),
        choices=[
            ("yes", _("Yes, I agree to be recorded")),
            ("no", _("No, I do not agree")),
        ],
        error_messages={
            "required": _("Select whether you agree to be recorded"),
            "invalid_choice": _("Select whether you agree to be recorded"),
        },
    )
