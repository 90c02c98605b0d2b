"""Forms of the contact log, the contact agreement, safe contact and channel-hold reviews."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from desk.forms.cases import language_choices, parse_time
from desk.forms.common import ErrorList
from desk.models import Direction, Frequency, Party, Through
from safecontact.models import Channel, HoldDecision, Outcome, minute_text

SAFE_TIME_ROWS = 3


class ContactForm(ErrorList, forms.Form):
    direction = forms.ChoiceField(
        label=_("Who made the contact?"),
        choices=[
            (Direction.OUT, _("We called or wrote")),
            (Direction.IN, _("They called or wrote")),
        ],
        initial=Direction.OUT,
        error_messages={"required": _("Choose who made the contact")},
    )
    channel = forms.ChoiceField(
        label=_("How?"),
        choices=Channel.choices,
        initial=Channel.PHONE,
        error_messages={"required": _("Choose how the contact was made")},
    )
    party = forms.ChoiceField(
        label=_("With whom?"),
        choices=Party.choices,
        initial=Party.VICTIM,
        error_messages={"required": _("Choose who the contact was with")},
    )
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=Outcome.choices,
        error_messages={"required": _("Choose how the contact ended")},
    )
    at_time = forms.CharField(
        label=_("Time of the contact, today"),
        help_text=_("Use the 24-hour clock, for example 14:05. Leave it as it is for now."),
        error_messages={"required": _("Enter the time of the contact")},
    )
    rights_delivered = forms.MultipleChoiceField(
        label=_("Which updates did you give them?"),
        help_text=_("Only when you reached them. Ticking an update marks it as given."),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reasons_given = forms.BooleanField(
        label=_("I told them the reasons for the decisions (Right 6 is “with reasons”)"),
        required=False,
    )
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_("What was said. It is redacted before it leaves the desk."),
        max_length=4000,
        required=False,
        widget=forms.Textarea,
    )

    def __init__(
        self, *args: Any, owed: list[tuple[str, str]], has_nominee: bool, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("at_time", timezone.localtime().strftime("%H:%M"))
        super().__init__(*args, **kwargs)
        self.fields["rights_delivered"].choices = owed  # type: ignore[attr-defined]
        if not has_nominee:
            self.fields["party"].choices = [(Party.VICTIM, Party.VICTIM.label)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        moment = parse_time(self.data.get("at_time", ""))
        if self.data.get("at_time") and moment is None:
            self.add_error("at_time", _("Enter a time like 14:05"))
        elif moment is not None:
            data["at"] = timezone.make_aware(
                datetime.datetime.combine(timezone.localdate(), moment)
            )
        return data


class AgreementForm(ErrorList, forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do they want updates?"),
        choices=Frequency.choices,
        error_messages={"required": _("Choose how often they want updates")},
    )
    every_days = forms.IntegerField(
        label=_("Every how many days? (for regular updates)"),
        min_value=1,
        max_value=365,
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("How do they want to be updated?"),
        choices=Channel.choices,
        error_messages={"required": _("Choose how they want to be updated")},
    )
    language = forms.ChoiceField(label=_("In which language?"), choices=())
    through = forms.ChoiceField(
        label=_("Who should we update?"),
        choices=Through.choices,
        initial=Through.VICTIM,
        error_messages={"required": _("Choose who is updated")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("every_days", settings.DESK_PERIODIC_DEFAULT_DAYS)
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("frequency") == Frequency.EVERY_N_DAYS
            and not data.get("every_days")
            and "every_days" not in self.errors
        ):
            self.add_error("every_days", _("Enter how many days between updates"))
        return data


DAY_CHOICES = [(str(number), name) for number, name in WEEKDAYS.items()]


class SafeContactForm(ErrorList, forms.Form):
    """A safe contact, with a few rows of safe times (days, from, to): enough without
    JavaScript."""

    may_phone = forms.BooleanField(label=_("Phone calls"), required=False)
    may_voicemail = forms.BooleanField(label=_("Voicemail messages"), required=False)
    may_text = forms.BooleanField(label=_("Text messages"), required=False)
    may_email = forms.BooleanField(label=_("Emails"), required=False)
    may_letter = forms.BooleanField(label=_("Letters"), required=False)
    phone = forms.CharField(label=_("Safe phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Safe email address"), max_length=320, required=False)
    address = forms.CharField(
        label=_("Safe postal address"), required=False, max_length=500, widget=forms.Textarea
    )
    times_to_avoid = forms.CharField(
        label=_("Times to avoid"),
        help_text=_("In their words, for example “not when my partner is home after 6pm”."),
        required=False,
        max_length=500,
        widget=forms.Textarea,
    )
    code_word = forms.CharField(
        label=_("Code word"),
        help_text=_("A word they give to show it is them, or you give to show it is us."),
        max_length=100,
        required=False,
    )

    MAY_FIELDS = ("may_phone", "may_voicemail", "may_text", "may_email", "may_letter")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in range(SAFE_TIME_ROWS):
            self.fields[f"days_{row}"] = forms.MultipleChoiceField(
                label=_("Days"),
                choices=DAY_CHOICES,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"from_{row}"] = forms.CharField(label=_("From"), required=False)
            self.fields[f"to_{row}"] = forms.CharField(label=_("To"), required=False)

    @staticmethod
    def initial_for(contact: Any) -> dict[str, Any]:
        if contact is None:
            return {}
        initial: dict[str, Any] = {
            name: getattr(contact, name)
            for name in (*SafeContactForm.MAY_FIELDS, "phone", "email", "address")
        }
        initial |= {"times_to_avoid": contact.times_to_avoid, "code_word": contact.code_word}
        for row, window in enumerate(contact.windows[:SAFE_TIME_ROWS]):
            initial[f"days_{row}"] = [str(day) for day in window.days]
            initial[f"from_{row}"] = minute_text(window.start)
            initial[f"to_{row}"] = minute_text(window.end)
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        windows = []
        for row in range(SAFE_TIME_ROWS):
            days = data.get(f"days_{row}") or []
            start = (data.get(f"from_{row}") or "").strip()
            end = (data.get(f"to_{row}") or "").strip()
            if not (days or start or end):
                continue
            begins, ends = parse_time(start), parse_time(end)
            if not days:
                self.add_error(f"days_{row}", _("Choose the days of this safe time"))
            if begins is None:
                self.add_error(f"from_{row}", _("Enter a time like 10:00"))
            if ends is None:
                self.add_error(f"to_{row}", _("Enter a time like 15:00"))
            if days and begins is not None and ends is not None:
                if begins == ends:
                    self.add_error(f"to_{row}", _("The end must differ from the start"))
                windows.append(
                    {
                        "days": sorted(int(day) for day in days),
                        "from": begins.strftime("%H:%M"),
                        "to": ends.strftime("%H:%M"),
                    }
                )
        data["safe_times"] = windows
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self.MAY_FIELDS}
        fields |= {
            name: data.get(name) or ""
            for name in ("phone", "email", "address", "times_to_avoid", "code_word")
        }
        fields["safe_times"] = data["safe_times"]
        return fields


class HoldReviewForm(ErrorList, forms.Form):
    decision = forms.ChoiceField(
        label=_("Is this channel safe to use again?"),
        choices=HoldDecision.choices,
        error_messages={"required": _("Choose whether the channel is safe to use again")},
    )
    note = forms.CharField(
        label=_("Why?"),
        help_text=_("What you checked. Do not name anyone."),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": _("Say why")},
    )
