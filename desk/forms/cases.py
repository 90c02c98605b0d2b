"""Forms of finding a case and of adding or correcting one by hand (docs/desk.md §3-4).
A case is found by its crime reference and a second factor, never by a name."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desk.forms.common import ErrorList
from desk.models import Case, EnhancedGround, EventKind, OffenceCategory, Victim
from desk.services.common import date_of_birth
from feedback.models import Language, Team
from recruitment.forms import DatesForm

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_time(value: str) -> datetime.time | None:
    """ "14:05" or "9.30" -> a time; None when it is not one."""
    match = _TIME.match(value or "")
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def language_choices(*, blank: Any = None) -> list[tuple[str, Any]]:
    rows = [(code, name) for code, name in Language.objects.values_list("code", "name_english")]
    return ([("", blank)] if blank is not None else []) + rows


def date_initial(prefix: str, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {}
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


class FindForm(DatesForm):
    """Crime reference and a second factor: the postcode or the date of birth."""

    dates: tuple[tuple[str, Any, bool], ...] = (("date_of_birth", _("Their date of birth"), False),)
    crime_reference = forms.CharField(
        label=_("Crime reference number"),
        max_length=40,
        error_messages={"required": _("Enter the crime reference number")},
    )
    postcode = forms.CharField(label=_("Their postcode"), max_length=10, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            not self.date_errors
            and not (data.get("postcode") or "").strip()
            and not data.get("date_of_birth")
        ):
            self.add_error("postcode", _("Enter their postcode or their date of birth, or both"))
        return data

    @property
    def second_factor(self) -> str:
        data = self.cleaned_data
        factors = [
            name
            for name, key in (("postcode", "postcode"), ("dob", "date_of_birth"))
            if data.get(key)
        ]
        return "+".join(factors)


class CaseForm(ErrorList, DatesForm):
    """A case and one victim, added or corrected by hand, with the reason."""

    dates: tuple[tuple[str, Any, bool], ...] = (("date_of_birth", _("Date of birth"), False),)
    crime_reference = forms.CharField(
        label=_("Crime reference number"),
        max_length=40,
        error_messages={"required": _("Enter the crime reference number")},
    )
    offence_category = forms.ModelChoiceField(
        label=_("Offence"),
        queryset=OffenceCategory.objects.none(),
        to_field_name="code",
        empty_label=_("Choose the offence"),
        error_messages={"required": _("Choose the offence")},
    )
    team = forms.ModelChoiceField(
        label=_("Investigating team"),
        queryset=Team.objects.none(),
        empty_label=_("Choose the team"),
        error_messages={"required": _("Choose the team")},
    )
    oic_display = forms.CharField(
        label=_("Officer in charge (optional)"),
        help_text=_("Their name and collar number, for example PC 1234 Sam Patel."),
        max_length=200,
        required=False,
    )
    full_name = forms.CharField(
        label=_("Victim's full name"),
        max_length=200,
        error_messages={"required": _("Enter the victim's full name")},
    )
    postcode = forms.CharField(label=_("Postcode (optional)"), max_length=10, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=())
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter needed"), choices=(), required=False
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds for enhanced rights"),
        help_text=_(
            "The offence and the victim's age are worked out for you. Tick any other ground."
        ),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Why are you adding or correcting this case?"),
        help_text=_("For example, the crime recording system is down. Do not name anyone."),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Say why you are adding or correcting this case")},
    )

    def __init__(self, *args: Any, correcting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.correcting = correcting
        fields = self.fields
        fields["offence_category"].queryset = OffenceCategory.objects.filter(  # type: ignore[attr-defined]
            active=True
        )
        team = fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = Team.objects.filter(active=True).select_related("borough")
        team.label_from_instance = lambda obj: obj.label  # type: ignore[method-assign]
        fields["language"].choices = language_choices()  # type: ignore[attr-defined]
        fields["interpreter_language"].choices = language_choices(  # type: ignore[attr-defined]
            blank=_("No interpreter")
        )
        fields["grounds"].choices = [  # type: ignore[attr-defined]
            (code, name)
            for code, name in EnhancedGround.objects.filter(derived=False).values_list(
                "code", "name"
            )
        ]
        if correcting:
            # The crime reference is how the case is known: it is not corrected here.
            fields["crime_reference"].required = False
            fields["crime_reference"].disabled = True

    @classmethod
    def initial_for(cls, case: Case, victim: Victim | None) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "crime_reference": case.crime_reference,
            "offence_category": case.offence_category.code,
            "team": case.team_id,
            "oic_display": case.oic_display,
        }
        if victim is not None:
            initial |= {
                "full_name": victim.full_name,
                "postcode": victim.postcode,
                "language": victim.language,
                "interpreter_language": victim.interpreter_language,
                "grounds": [g.ground.code for g in victim.grounds.select_related("ground")],
            }
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        born = data.get("date_of_birth")
        if born and born > timezone.localdate():
            self._date_error("date_of_birth", _("Date of birth must be in the past"))
        return data


class EventForm(ErrorList, DatesForm):
    """Something that happened on the case, recorded by hand."""

    dates: tuple[tuple[str, Any, bool], ...] = (("occurred_on", _("Date it happened"), True),)
    kind = forms.ChoiceField(
        label=_("What happened?"),
        choices=EventKind.choices,
        error_messages={"required": _("Choose what happened")},
    )
    occurred_time = forms.CharField(
        label=_("Time it happened"),
        help_text=_("Use the 24-hour clock, for example 16:40"),
        error_messages={"required": _("Enter the time it happened")},
    )
    reason = forms.CharField(
        label=_("Why are you recording this by hand?"),
        help_text=_("Do not name anyone."),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Say why you are recording this by hand")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        moment = parse_time(self.data.get("occurred_time", ""))
        if self.data.get("occurred_time") and moment is None:
            self.add_error("occurred_time", _("Enter a time like 16:40"))
        if data.get("occurred_on") and moment is not None:
            data["occurred_at"] = timezone.make_aware(
                datetime.datetime.combine(data["occurred_on"], moment)
            )
        return data


def victim_date_of_birth(victim: Victim | None) -> datetime.date | None:
    return date_of_birth(victim) if victim is not None else None
