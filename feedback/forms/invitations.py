"""Forms for staff sending feedback invitations and for programme admins adding API
integrations (docs/feedback-invitations.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from feedback.models import Channel, CrimeType, IntegrationScope, Language, Team
from feedback.selectors import officer_for_code
from feedback.services.invitations import contact_clean
from lib.rules import RuleBroken
from recruitment.forms import error_list


class _Errors:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


class InvitationForm(_Errors, forms.Form):
    """One invitation. Officers send for their own contacts, so they choose no team or
    officer; desk agents and the programme team choose the team (and may name the officer
    by their feedback code)."""

    may_contact = forms.ChoiceField(
        label=_("Did the person agree to be contacted about giving feedback?"),
        help_text=_(
            "Ask them: “May we send you a link to tell us how we did?” If they say no, or "
            "it may not be safe to send them a message, choose No."
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={"required": _("Say whether the person agreed to be contacted")},
    )
    channel = forms.ChoiceField(
        label=_("How should we send the invitation?"),
        choices=[(Channel.SMS.value, _("Text message")), (Channel.EMAIL.value, _("Email"))],
        error_messages={"required": _("Choose text message or email")},
    )
    phone = forms.CharField(
        label=_("Mobile phone number (for a text message)"),
        required=False,
        max_length=40,
    )
    email = forms.CharField(
        label=_("Email address (for an email)"),
        required=False,
        max_length=320,
    )
    team = forms.ModelChoiceField(
        label=_("Team the person was in contact with"),
        queryset=Team.objects.none(),
        # No team is chosen for the agent: a default would attribute feedback to the
        # wrong team whenever they go too fast.
        empty_label=_("Select a team"),
        error_messages={"required": _("Choose the team")},
    )
    officer_code = forms.CharField(
        label=_("Officer's feedback code (optional)"),
        help_text=_("The code on the officer's QR card, if you know which officer it was."),
        required=False,
        max_length=32,
    )
    crime_type = forms.ModelChoiceField(
        label=_("Type of crime"),
        help_text=_("Invitations are not sent about domestic abuse or sexual offences."),
        queryset=CrimeType.objects.all(),
        error_messages={"required": _("Choose the type of crime")},
    )
    language = forms.ModelChoiceField(
        label=_("Language of the feedback form"),
        help_text=_("The message itself is in English, or in Welsh for Welsh."),
        queryset=Language.objects.filter(active=True),
        empty_label=None,
        error_messages={"required": _("Choose a language")},
    )

    def __init__(self, *args: Any, for_officer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.for_officer = for_officer
        if for_officer:
            del self.fields["team"]
            del self.fields["officer_code"]
        else:
            team = self.fields["team"]
            assert isinstance(team, forms.ModelChoiceField)
            team.queryset = Team.objects.filter(active=True).select_related("borough")
            team.label_from_instance = lambda obj: obj.label  # type: ignore[method-assign]
        self.fields["crime_type"].empty_label = _("Choose the type of crime")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        channel = data.get("channel")
        if channel == Channel.SMS:
            field, value = "phone", data.get("phone", "")
        elif channel == Channel.EMAIL:
            field, value = "email", data.get("email", "")
        else:
            return data
        if not value:
            self.add_error(
                field,
                _("Enter a mobile phone number")
                if field == "phone"
                else _("Enter an email address"),
            )
            return data
        try:
            data["contact"] = contact_clean(channel=channel, contact=value)
        except RuleBroken as refused:
            self.add_error(field, str(refused))
        code = data.get("officer_code", "").strip()
        if code:
            found = officer_for_code(code)
            if found is None:
                self.add_error("officer_code", _("There is no officer with this feedback code"))
            else:
                data["officer"], data["team"] = found
        return data


class IntegrationForm(_Errors, forms.Form):
    name = forms.CharField(
        label=_("Name of the system"),
        help_text=_("For example, the crime recording system."),
        max_length=200,
        error_messages={"required": _("Enter the name of the system")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation that runs it"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=None,
        error_messages={"required": _("Choose the organisation")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may this integration do?"),
        choices=IntegrationScope.choices,
        initial=[IntegrationScope.INVITATIONS.value],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what this integration may do")},
    )
