"""Forms for partner requests and the Terms of Reference. They collect and tidy answers;
the timeframe and the other rules are in engagement.rules and the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.models import Kind, PartnerRequest, Terms
from engagement.rules import MAX_PEOPLE_WANTED
from engagement.services.requests import Decision
from engagement.services.terms import LIMITS
from recruitment.forms.staff import DatesForm, error_list


def _date_parts(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


class RequestForm(DatesForm):
    """A partner's request: a new one, or one changed after the team asked for changes."""

    dates = (
        ("starts_on", _("The first date people would take part"), True),
        ("ends_on", _("The last date people would take part"), True),
    )

    title = forms.CharField(
        label=_("Title"),
        help_text=_("A few words the programme team and participants will recognise."),
        max_length=200,
        error_messages={"required": _("Enter a title for the request")},
    )
    what_to_learn = forms.CharField(
        label=_("What do you want to learn?"),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Say what you want to learn")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of opportunity is it?"),
        choices=Kind.choices,
        error_messages={
            "required": _("Select the kind of opportunity"),
            "invalid_choice": _("Select the kind of opportunity"),
        },
    )
    people_wanted = forms.IntegerField(
        label=_("How many people do you want to hear from?"),
        help_text=_("From 1 to %(max)s.") % {"max": MAX_PEOPLE_WANTED},
        error_messages={
            "required": _("Enter how many people you want to hear from"),
            "invalid": _("Enter a whole number, like 12"),
        },
    )
    material_description = forms.CharField(
        label=_("What would people be asked to read, watch or do?"),
        help_text=_(
            "Describe the material: a survey's questions, a document, a video, a new way of "
            "handling calls. Say if any of it must not be shared outside."
        ),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Describe what people would be asked to read, watch or do")},
    )
    material = forms.FileField(
        label=_("Upload the material (optional)"),
        required=False,
    )
    remove_material = forms.BooleanField(label=_("Remove the file you uploaded"), required=False)

    @classmethod
    def for_request(cls, request: PartnerRequest) -> RequestForm:
        """The form filled in with a request's answers (to change and send it again)."""
        return cls(
            initial={
                "title": request.title,
                "what_to_learn": request.what_to_learn,
                "kind": request.kind,
                "people_wanted": request.people_wanted,
                "material_description": request.material_description,
            }
            | _date_parts("starts_on", request.starts_on)
            | _date_parts("ends_on", request.ends_on)
        )

    def answers(self) -> dict[str, Any]:
        """The keyword arguments of request_submit and request_resubmit."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "what_to_learn": data["what_to_learn"],
            "kind": data["kind"],
            "people_wanted": data["people_wanted"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "material_description": data["material_description"],
            "material": data.get("material") or None,
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What is your decision?"),
        choices=[
            (Decision.APPROVE, _("Approve it")),
            (Decision.CHANGES, _("Ask for changes")),
            (Decision.DECLINE, _("Decline it")),
        ],
        error_messages={
            "required": _("Select a decision"),
            "invalid_choice": _("Select a decision"),
        },
    )
    reason = forms.CharField(
        label=_("What needs to change, or why it is declined"),
        help_text=_(
            "Needed if you ask for changes or decline. The partner reads this, so write it "
            "for them."
        ),
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if (
            decision in (Decision.CHANGES, Decision.DECLINE)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error(
                "reason",
                _("Say what needs to change")
                if decision == Decision.CHANGES
                else _("Say why the request is declined"),
            )
        return data

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)


class TermsForm(DatesForm):
    dates = (("effective_from", _("The date the new terms start"), True),)

    min_notice_working_days = forms.IntegerField(
        label=_("Least notice a request must give (working days)"),
        help_text=_("From the day a partner sends a request to the first date people take part."),
        min_value=LIMITS["min_notice_working_days"][0],
        max_value=LIMITS["min_notice_working_days"][1],
    )
    decision_working_days = forms.IntegerField(
        label=_("Working days the programme team has to decide"),
        min_value=LIMITS["decision_working_days"][0],
        max_value=LIMITS["decision_working_days"][1],
    )
    invite_cap = forms.IntegerField(
        label=_("Most invitations one person gets in the period"),
        min_value=LIMITS["invite_cap"][0],
        max_value=LIMITS["invite_cap"][1],
    )
    cap_days = forms.IntegerField(
        label=_("The period (days)"),
        min_value=LIMITS["cap_days"][0],
        max_value=LIMITS["cap_days"][1],
    )
    response_days = forms.IntegerField(
        label=_("Days a partner has to say what they changed after results are released"),
        min_value=LIMITS["response_days"][0],
        max_value=LIMITS["response_days"][1],
    )

    NUMBERS = (
        "min_notice_working_days",
        "decision_working_days",
        "invite_cap",
        "cap_days",
        "response_days",
    )

    def __init__(self, *args: Any, current: Terms, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.NUMBERS:
            field = self.fields[name]
            field.initial = getattr(current, name)
            field.error_messages["required"] = _("Enter a number")
            field.error_messages["invalid"] = _("Enter a whole number")
            field.error_messages["min_value"] = _("Enter a number from %(least)s to %(most)s") % {
                "least": LIMITS[name][0],
                "most": LIMITS[name][1],
            }
            field.error_messages["max_value"] = field.error_messages["min_value"]
