"""Forms for the needs assessment, a referral and its outcome, and the feedback invitation
after a call (docs/desk.md, "Contact log, referrals, after the call")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from desk.forms.common import ErrorList
from desk.models import LateReason, Need, ReferralBasis, SharedField
from directory.models import Service

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class AssessmentForm(ErrorList, forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("What support does the victim need?"),
        help_text=_("Select all that apply. Leave them all unticked if they need none."),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    referral_declined = forms.ChoiceField(
        label=_("Did the victim say no to being referred to a support service?"),
        choices=YES_NO,
        error_messages={"required": _("Say whether the victim said no to a referral")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        help_text=_("Only what the desk needs to help them. Do not write down what happened."),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )


class ReferralForm(ErrorList, forms.Form):
    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(
        label=_("Support service"),
        queryset=Service.objects.none(),
        empty_label=_("Select a service"),
        error_messages={"required": _("Select a support service")},
    )
    basis = forms.ChoiceField(
        label=_("How did the victim agree?"),
        choices=ReferralBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the victim agreed")},
    )
    consent_read = forms.BooleanField(
        label=_("I read this to the victim and they agreed"), required=False
    )
    shared = forms.MultipleChoiceField(
        label=_("What may we share with the service?"),
        help_text=_("Only what the victim agreed to. A safe way to contact them is needed."),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    late_reason = forms.ChoiceField(
        label=_("The referral is late: why?"),
        choices=[("", _("Select a reason"))]
        + [(value, label) for value, label in LateReason.choices if value != "source_late"],
        required=False,
    )
    late_note = forms.CharField(
        label=_("If another reason, what was it?"), required=False, max_length=500
    )

    def __init__(self, *args: Any, services: Any, late: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        if not late:
            del self.fields["late_reason"]
            del self.fields["late_note"]


class DeclineForm(ErrorList, forms.Form):
    reason = forms.CharField(
        label=_("Why did the service decline the referral?"),
        max_length=200,
        error_messages={"required": _("Say why the service declined the referral")},
    )


class InvitationForm(ErrorList, forms.Form):
    channel = forms.ChoiceField(
        label=_("How should we send it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how to send the invitation")},
    )

    def __init__(self, *args: Any, channels: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = channels  # type: ignore[attr-defined]
