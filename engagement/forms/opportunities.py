"""The programme team's opportunity form and the invitation page's form (docs/engagement.md,
"Opportunities"). The rules are in engagement.rules and the services; this collects and
tidies answers."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.models import Kind, Opportunity, Sensitivity
from engagement.services.opportunities import OpportunityIn
from recruitment.forms import DatesForm, error_list

LONDON = ZoneInfo("Europe/London")

# The eligibility lists: the form field, its label and hint, and the answer list's name in
# engagement.reference (the same codes participants give when they join).
ELIGIBILITY = (
    ("areas", "area", _("Areas"), _("Leave them all unticked for anyone, wherever they live.")),
    (
        "crime_kinds",
        "crime_kinds",
        _("Experience of these kinds of crime"),
        _("People who said they experienced any of these. Leave them all unticked for anyone."),
    ),
    ("age_bands", "age_band", _("Age bands"), _("Leave them all unticked for any age.")),
    (
        "languages",
        "languages",
        _("Languages"),
        _("People who speak any of these. Leave them all unticked for anyone."),
    ),
    (
        "formats",
        "formats",
        _("Ways of taking part"),
        _("People who can take part in any of these ways. Leave them all unticked for anyone."),
    ),
)


def _options(question: str) -> list[tuple[str, Any]]:
    from engagement.reference import options_for

    return list(options_for(question))


def _text(label: Any, *, required: bool = True, max_length: int | None = None, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea if max_length is None else forms.TextInput,
        **kw,
    )


def london_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LONDON)


class OpportunityForm(DatesForm):
    """Everything about an opportunity: what people read (with the Welsh words), who is
    eligible, how many are wanted and when it is open."""

    dates = (
        ("opens_on", _("The date it opens"), True),
        ("closes_on", _("The last date people can take part"), True),
        ("withdraw_until", _("The last date people can withdraw their consent"), False),
    )
    kind = forms.ChoiceField(
        label=_("What kind of opportunity is it?"),
        choices=Kind.choices,
        error_messages={"required": _("Select the kind of opportunity")},
    )
    asked_by = _text(
        _("Who is asking"),
        max_length=200,
        help_text=_("The organisation people are helping, for example Crown Prosecution Service"),
        error_messages={"required": _("Enter who is asking")},
    )
    title = _text(_("Title"), max_length=200, error_messages={"required": _("Enter a title")})
    title_cy = _text(_("Title in Welsh (optional)"), required=False, max_length=200)
    purpose = _text(
        _("What it is for"),
        help_text=_("What the organisation wants to learn, and why."),
        error_messages={"required": _("Enter what it is for")},
    )
    purpose_cy = _text(_("What it is for, in Welsh (optional)"), required=False)
    involves = _text(
        _("What it involves"),
        help_text=_("What people will be asked to do, and where or how."),
        error_messages={"required": _("Enter what it involves")},
    )
    involves_cy = _text(_("What it involves, in Welsh (optional)"), required=False)
    duration_minutes = forms.IntegerField(
        label=_("How long it takes, in minutes"),
        min_value=1,
        max_value=24 * 60,
        error_messages={
            "required": _("Enter how long it takes, in minutes"),
            "invalid": _("How long it takes must be a number of minutes, like 30"),
            "min_value": _("How long it takes must be at least 1 minute"),
            "max_value": _("How long it takes must be 1,440 minutes (a day) or less"),
        },
    )
    sensitivity = forms.ChoiceField(
        label=_("How sensitive is it?"),
        choices=Sensitivity.choices,
        initial=Sensitivity.STANDARD,
        error_messages={"required": _("Select how sensitive it is")},
    )
    content_notes = _text(
        _("Content notes (needed when it is sensitive)"),
        required=False,
        help_text=_("What people may find upsetting. They read this before anything else."),
    )
    content_notes_cy = _text(_("Content notes in Welsh (optional)"), required=False)
    recognition = _text(
        _("Recognition or payment (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example, a £20 shopping voucher, or travel expenses paid"),
    )
    payment = forms.CharField(
        label=_("Payment in pounds (optional)"),
        required=False,
        max_length=10,
        help_text=_(
            "A payment or voucher's value, for example 20. People read that it may "
            "affect their benefits, and where to get advice."
        ),
    )
    recording_used_for = _text(
        _("What the recording is used for"),
        required=False,
        help_text=_("For an interview for training material: people read this before they agree."),
    )
    recording_seen_by = _text(
        _("Who sees the recording"),
        required=False,
        help_text=_("For example, police call handlers in training. It is never shared outside."),
    )
    places = forms.IntegerField(
        label=_("How many people are wanted"),
        min_value=1,
        max_value=10000,
        error_messages={
            "required": _("Enter how many people are wanted"),
            "invalid": _("How many people are wanted must be a number, like 12"),
            "min_value": _("At least 1 person must be wanted"),
            "max_value": _("How many people are wanted must be 10,000 or fewer"),
        },
    )
    reserves = forms.IntegerField(
        label=_("Reserves"),
        min_value=0,
        max_value=1000,
        initial=0,
        required=False,
        help_text=_("People drawn to take a place if someone withdraws"),
        error_messages={
            "invalid": _("Reserves must be a number, like 3"),
            "min_value": _("Reserves cannot be fewer than 0"),
            "max_value": _("Reserves must be 1,000 or fewer"),
        },
    )

    def __init__(self, *args: Any, current: Opportunity | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question, label, hint in ELIGIBILITY:
            options = _options(question)
            known = {code for code, _label in options}
            extra = [
                (code, code) for code in (getattr(current, name, None) or []) if code not in known
            ]
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                help_text=hint,
                choices=[*options, *extra],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    @classmethod
    def initial_for(cls, opportunity: Opportunity) -> dict[str, Any]:
        """The form's first values for changing `opportunity`."""
        data = OpportunityIn.of(opportunity)
        values: dict[str, Any] = {
            name: getattr(data, name)
            for name in (
                "kind",
                "asked_by",
                "title",
                "title_cy",
                "purpose",
                "purpose_cy",
                "involves",
                "involves_cy",
                "duration_minutes",
                "sensitivity",
                "content_notes",
                "content_notes_cy",
                "recognition",
                "places",
                "reserves",
                "areas",
                "crime_kinds",
                "age_bands",
                "languages",
                "formats",
                "recording_used_for",
                "recording_seen_by",
            )
        }
        if opportunity.payment_pence:
            values["payment"] = f"{Decimal(opportunity.payment_pence) / 100:.2f}"
        opens = timezone.localtime(opportunity.opens_at, LONDON).date()
        last = timezone.localtime(opportunity.closes_at - datetime.timedelta(seconds=1), LONDON)
        days = [("opens_on", opens), ("closes_on", last.date())]
        if opportunity.withdraw_until:
            days.append(("withdraw_until", opportunity.withdraw_until))
        for prefix, day in days:
            values[f"{prefix}-day"] = day.day
            values[f"{prefix}-month"] = day.month
            values[f"{prefix}-year"] = day.year
        return values

    def clean_payment(self) -> int:
        raw = (self.cleaned_data.get("payment") or "").strip().lstrip("£").replace(",", "")
        if not raw:
            return 0
        try:
            pounds = Decimal(raw)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Enter the payment in pounds, like 20 or 12.50")
            ) from None
        if pounds < 0 or pounds > 10000 or pounds.as_tuple().exponent < -2:  # type: ignore[operator]
            raise forms.ValidationError(_("Enter the payment in pounds, like 20 or 12.50"))
        return int(pounds * 100)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, last = data.get("opens_on"), data.get("closes_on")
        if opens and last and last < opens:
            self._date_error(
                "closes_on", _("The last date must be the same as or after the date it opens")
            )
        return data

    def opportunity_in(self) -> OpportunityIn:
        data = self.cleaned_data
        return OpportunityIn(
            kind=data["kind"],
            asked_by=data["asked_by"],
            title=data["title"],
            title_cy=data["title_cy"],
            purpose=data["purpose"],
            purpose_cy=data["purpose_cy"],
            involves=data["involves"],
            involves_cy=data["involves_cy"],
            duration_minutes=data["duration_minutes"],
            sensitivity=data["sensitivity"],
            content_notes=data["content_notes"],
            content_notes_cy=data["content_notes_cy"],
            recognition=data["recognition"],
            payment_pence=data["payment"],
            places=data["places"],
            reserves=data.get("reserves") or 0,
            areas=data["areas"],
            crime_kinds=data["crime_kinds"],
            age_bands=data["age_bands"],
            languages=data["languages"],
            formats=data["formats"],
            recording_used_for=data["recording_used_for"],
            recording_seen_by=data["recording_seen_by"],
            withdraw_until=data.get("withdraw_until"),
            opens_at=london_midnight(data["opens_on"]),
            closes_at=london_midnight(data["closes_on"] + datetime.timedelta(days=1)),
        )


class InviteForm(forms.Form):
    """How many to invite now: everyone eligible, or a number drawn at random."""

    limit = forms.IntegerField(
        label=_("How many to invite (optional)"),
        help_text=_(
            "Leave it empty to invite everyone who is eligible. With a number, that "
            "many are drawn at random."
        ),
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={
            "invalid": _("Enter a number, like 200"),
            "min_value": _("Enter a number of at least 1"),
            "max_value": _("Enter a number of 100,000 or fewer"),
        },
    )

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)
