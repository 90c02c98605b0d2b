"""Forms of the forum team's pages. Dates are GOV.UK date inputs (recruitment's DatesForm)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from forums.models import (
    AgendaItem,
    AttendanceStatus,
    Forum,
    ForumMembership,
    MeetingFormat,
    Venue,
)
from recruitment.forms import DatesForm, error_list
from recruitment.models import Cohort

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class _Errors:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


def _time(value: str) -> datetime.time | None:
    match = _TIME.match(value or "")
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class MeetingForm(DatesForm):
    """One meeting: its day and time, length, format and place."""

    dates: tuple[tuple[str, Any, bool], ...] = (("day", _("The date of the meeting"), True),)
    start_time = forms.CharField(
        label=_("Start time"),
        help_text=_("Use the 24-hour clock, for example 18:00"),
        error_messages={"required": _("Enter a start time")},
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=15,
        max_value=600,
        initial=120,
        error_messages={"required": _("Enter how long the meeting is, in minutes")},
    )
    format = forms.ChoiceField(
        label=_("How will people take part?"),
        choices=MeetingFormat.choices,
        initial=MeetingFormat.IN_PERSON,
        error_messages={"required": _("Select how people will take part")},
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"), queryset=Venue.objects.none(), required=False, empty_label=_("None")
    )
    online_joining = forms.CharField(
        label=_("How to join online (optional)"), required=False, max_length=500
    )
    title = forms.CharField(label=_("Title (optional)"), required=False, max_length=200)

    def __init__(
        self, *args: Any, current_starts_at: datetime.datetime | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.order_by("name")  # type: ignore[attr-defined]
        # A meeting being changed may keep its time; a new or moved one must be to come.
        self.current_starts_at = current_starts_at

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        moment = _time(self.data.get("start_time", ""))
        if self.data.get("start_time") and moment is None:
            self.add_error("start_time", _("Enter a start time like 18:00"))
        if data.get("day") and moment is not None:
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(data["day"], moment))
            self._check_to_come(data["day"], data["starts_at"])
        fmt = data.get("format")
        if fmt in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID) and not data.get("venue"):
            self.add_error("venue", _("Select the venue of a meeting held in person"))
        return data

    def _check_to_come(self, day: datetime.date, starts_at: datetime.datetime) -> None:
        if starts_at > timezone.now() or starts_at == self.current_starts_at:
            return
        if day < timezone.localdate():
            self._date_error("day", _("The date must be today or in the future"))
        else:
            self.add_error("start_time", _("The start time must be later than now"))


class CancelForm(forms.Form, _Errors):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        help_text=_("Members are told this. Do not name anyone."),
        max_length=500,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter why the meeting is cancelled"),
            "max_length": _("Why the meeting is cancelled must be 500 characters or fewer"),
        },
    )


class SeriesForm(MeetingForm):
    """A series of meetings every N days, from the first one to the end of the tenure."""

    dates = (
        ("day", _("The date of the first meeting"), True),
        ("until", _("The date of the last possible meeting"), False),
    )
    every_days = forms.IntegerField(
        label=_("Days between meetings"),
        min_value=1,
        max_value=365,
        help_text=_("42 days is every six weeks."),
        error_messages={"required": _("Enter how many days between meetings")},
    )


class VenueForm(forms.Form, _Errors):
    name = forms.CharField(
        label=_("Name of the venue"),
        max_length=200,
        error_messages={"required": _("Enter the name of the venue")},
    )
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea)
    accessibility = forms.CharField(
        label=_("Accessibility information"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "Step-free access, lifts, accessible toilets, hearing loop, quiet room, parking."
        ),
    )


class AgendaItemForm(forms.Form, _Errors):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")}
    )
    detail = forms.CharField(
        label=_("What should the forum discuss?"), required=False, widget=forms.Textarea
    )
    content_note = forms.CharField(
        label=_("Content note (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Say what may be difficult to hear or talk about, so people can prepare."),
    )


DECISIONS = [
    ("accept", _("Accept it for this meeting")),
    ("defer", _("Move it to the next meeting")),
    ("merge", _("Merge it into another item")),
]


class AgendaDecisionForm(forms.Form, _Errors):
    decision = forms.ChoiceField(
        label=_("What do you want to do with this item?"),
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what to do with this item")},
    )
    into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=AgendaItem.objects.none(), required=False
    )
    content_note = forms.CharField(label=_("Content note"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = item.meeting.agenda_items.exclude(  # type: ignore[attr-defined]
            pk=item.pk
        ).filter(status__in=["proposed", "accepted"])
        self.fields["content_note"].initial = item.content_note

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "merge" and not data.get("into"):
            self.add_error("into", _("Select the item to merge it into"))
        return data


class UploadForm(forms.Form, _Errors):
    file = forms.FileField(
        label=_("Upload a file"), error_messages={"required": _("Select a file")}
    )


class RecordingForm(UploadForm):
    others_consented = forms.BooleanField(
        label=_(
            "Everyone else in the meeting (staff and representatives) agreed to it being recorded"
        ),
        required=False,
    )


CONSENT = [("yes", _("Yes")), ("no", _("No")), ("", _("Not asked"))]


class AttendanceForm(forms.Form, _Errors):
    """For each member: attended, apologies or absent, and whether they agreed to a recording."""

    def __init__(
        self, *args: Any, memberships: list[ForumMembership], current: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for fm in memberships:
            attendance = current.get(fm.pk)
            status = attendance.status if attendance else AttendanceStatus.INVITED
            consent = attendance.recording_consent if attendance else None
            self.fields[f"status_{fm.pk}"] = forms.ChoiceField(
                choices=AttendanceStatus.choices, initial=status
            )
            self.fields[f"consent_{fm.pk}"] = forms.ChoiceField(
                choices=CONSENT,
                required=False,
                initial="yes" if consent else ("no" if consent is False else ""),
            )
            self.rows.append(fm)


class NoteForm(forms.Form, _Errors):
    text = forms.CharField(
        label=_("Note of the meeting"),
        widget=forms.Textarea,
        required=False,
        help_text=_("What was discussed and agreed. Do not name members."),
    )


class ReviewForm(forms.Form, _Errors):
    comment = forms.CharField(label=_("Comment (optional)"), required=False, widget=forms.Textarea)
    approved = forms.BooleanField(label=_("I approve this note"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("comment") or "").strip() and not data.get("approved"):
            self.add_error("comment", _("Write a comment or approve the note"))
        return data


class JoinForm(forms.Form, _Errors):
    membership = forms.ChoiceField(
        label=_("Which member joins this forum?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a member")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = choices  # type: ignore[attr-defined]


class ForumSettingsForm(DatesForm):
    """The programme team's settings of a forum."""

    dates = (
        ("tenure_starts_on", _("The date the tenure starts"), True),
        ("tenure_ends_on", _("The date the tenure ends"), False),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.none(), required=False, empty_label=_("None")
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=100,
        error_messages={"required": _("Enter how many members the forum is for")},
    )
    cadence_days = forms.IntegerField(
        label=_("Days between meetings"),
        min_value=1,
        max_value=365,
        error_messages={"required": _("Enter how many days between meetings")},
    )
    police_representative = forms.ModelChoiceField(
        label=_("Police representative"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    oversight_representative = forms.ModelChoiceField(
        label=_("Oversight body representative"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    co_chairs = forms.ModelMultipleChoiceField(
        label=_("Co-chairs"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(
            is_active=True,
            role_assignments__ended_at__isnull=True,
            role_assignments__role__in=[Role.POLICE_LEAD, Role.PROGRAMME_ADMIN, Role.VETTING_PANEL],
        ).distinct()
        members = User.objects.filter(
            forum_memberships__forum=forum,
            forum_memberships__status__in=["active", "stepping_back"],
        )
        self.fields["cohort"].queryset = Cohort.objects.all()  # type: ignore[attr-defined]
        self.fields["police_representative"].queryset = staff.filter(  # type: ignore[attr-defined]
            role_assignments__role=Role.POLICE_LEAD
        )
        self.fields["oversight_representative"].queryset = staff  # type: ignore[attr-defined]
        ids = set(members.values_list("pk", flat=True)) | set(staff.values_list("pk", flat=True))
        self.fields["co_chairs"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=ids
        ).order_by("full_name")
