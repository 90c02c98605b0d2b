"""The questions of the public application, one form per page.

Each form validates one step. Steps keep their raw answers in the session
(recruitment.journey), and a step counts as complete only while its form, bound to those
answers again, is valid: so a deep link or the back button cannot skip a validation.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.text import CleanCharField
from recruitment.reference import equality
from recruitment.reference.equality import PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL
from recruitment.selectors import cohorts_open

YES, NO = "yes", "no"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]

NAME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 1000


class StepForm(forms.Form):
    """A step's form. `answers` are the raw answers of earlier steps (some forms need them)."""

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        self.answers = answers or {}
        super().__init__(*args, **kwargs)

    def raw(self, data: Any) -> dict[str, Any]:
        """The answers to keep in the session, from the submitted data."""
        out: dict[str, Any] = {}
        for name, field in self.fields.items():
            if isinstance(field, forms.MultipleChoiceField):
                out[name] = (
                    list(data.getlist(name)) if hasattr(data, "getlist") else data.get(name, [])
                )
            else:
                out[name] = data.get(name, "")
        return out


def yes_no_form(required_message: Any) -> type[StepForm]:
    class YesNoForm(StepForm):
        answer = forms.ChoiceField(
            choices=YES_NO,
            error_messages={"required": required_message, "invalid_choice": required_message},
        )

    return YesNoForm


AgeForm = yes_no_form(_("Select yes if you are 16 or older"))
VictimForm = yes_no_form(_("Select yes if you have been a victim of crime"))
EqualityForm = yes_no_form(_("Select yes if you want to answer these questions"))
PncCheckForm = yes_no_form(_("Select yes if you agree to a police check"))
AgreementForm = yes_no_form(
    _(
        "Select yes if you agree to keep what is said at the forum private and follow the Terms of Reference"
    )
)

LIVES, WORKS, STUDIES, NONE = "live", "work", "study", "none"


class AreaForm(StepForm):
    area = forms.MultipleChoiceField(
        choices=[(LIVES, LIVES), (WORKS, WORKS), (STUDIES, STUDIES), (NONE, NONE)],
        error_messages={
            "required": _("Select if you live, work or study in the area, or select no"),
            "invalid_choice": _("Select if you live, work or study in the area, or select no"),
        },
    )

    def clean_area(self) -> list[str]:
        area = self.cleaned_data["area"]
        if NONE in area and len(area) > 1:
            raise forms.ValidationError(
                gettext("Select if you live, work or study in %(area)s, or select no")
                % {"area": settings.SERVICE_AREA}
            )
        return area


class ForumsForm(StepForm):
    cohorts = forms.MultipleChoiceField(
        error_messages={
            "required": _("Select the forums you would like to join"),
            "invalid_choice": _("Select the forums you would like to join"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.slug, c.display_name) for c in cohorts_open()]
        self.fields["cohorts"].choices = choices  # type: ignore[attr-defined]


class ContactForm(StepForm):
    full_name = CleanCharField(
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 200 characters or less"),
        },
    )
    email = CleanCharField(
        required=False,
        max_length=320,
        error_messages={"max_length": _("Your email address must be 320 characters or less")},
    )
    phone = CleanCharField(
        required=False,
        max_length=40,
        error_messages={"max_length": _("Enter a phone number, like 07700 900 982")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    gettext("Enter an email address in the correct format, like name@example.com")
                ) from None
        return email

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone:
            digits = "".join(ch for ch in phone if ch.isdigit())
            allowed = set("0123456789 +-()")
            if not set(phone) <= allowed or not 10 <= len(digits) <= 15:
                raise forms.ValidationError(gettext("Enter a phone number, like 07700 900 982"))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", gettext("Enter an email address or a phone number, or both"))
        return data


EMAIL, TEXT, PHONE, VOICEMAIL = "email", "text", "phone", "voicemail"
CHANNELS = (EMAIL, TEXT, PHONE, VOICEMAIL)


class SafeContactForm(StepForm):
    channels = forms.MultipleChoiceField(
        error_messages={
            "required": _("Select at least one way it is safe to contact you"),
            "invalid_choice": _("Select at least one way it is safe to contact you"),
        },
    )
    times_to_avoid = CleanCharField(
        required=False,
        multiline=True,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": _("Times to avoid must be 1,000 characters or less")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channels = [(c, c) for c in self.offered_channels()]
        self.fields["channels"].choices = channels  # type: ignore[attr-defined]

    def offered_channels(self) -> list[str]:
        """Only the ways the contact details allow: email needs an email address, the rest
        a phone number."""
        contact = self.answers.get("contact") or {}
        offered = []
        if contact.get("email"):
            offered.append(EMAIL)
        if contact.get("phone"):
            offered.extend([TEXT, PHONE, VOICEMAIL])
        return offered


class AccessNeedsForm(StepForm):
    access_needs = CleanCharField(
        required=False,
        multiline=True,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": _("Access needs must be 1,000 characters or less")},
    )


def choice_form(
    answers: tuple[equality.Answer, ...] | None, required_message: Any
) -> type[StepForm]:
    """A one-question equality form; the answers can be given later (boroughs, backgrounds).
    Every equality question is optional: no answer is kept as "" (not answered), apart from
    "Prefer not to say"."""

    class ChoiceForm(StepForm):
        answer = forms.ChoiceField(
            required=False,
            error_messages={"required": required_message, "invalid_choice": required_message},
        )

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            options = self.options()
            choices = [(a.code, a.label) for a in options]
            choices.append((PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL))
            self.fields["answer"].choices = choices  # type: ignore[attr-defined]

        def options(self) -> tuple[equality.Answer, ...]:
            return answers or ()

    return ChoiceForm


EthnicGroupForm = choice_form(
    equality.ETHNIC_GROUPS, _("Select your ethnic group, or prefer not to say")
)
_EthnicBackgroundBase = choice_form(None, _("Select your background, or prefer not to say"))


class EthnicBackgroundForm(_EthnicBackgroundBase):  # type: ignore[misc, valid-type]
    def options(self) -> tuple[equality.Answer, ...]:
        group = (self.answers.get("ethnic-group") or {}).get("answer", "")
        return tuple(a for a in equality.ETHNIC_BACKGROUNDS if a.group == group)


DisabilityForm = choice_form(equality.DISABILITY, _("Select an answer, or prefer not to say"))
SexualOrientationForm = choice_form(
    equality.SEXUAL_ORIENTATION, _("Select your sexual orientation, or prefer not to say")
)
GenderIdentityForm = choice_form(
    equality.GENDER_IDENTITY, _("Select an answer, or prefer not to say")
)
AgeBandForm = choice_form(equality.AGE_BANDS, _("Select your age, or prefer not to say"))
_BoroughBase = choice_form(None, _("Select the borough you live in, or prefer not to say"))


class BoroughForm(_BoroughBase):  # type: ignore[misc, valid-type]
    def options(self) -> tuple[equality.Answer, ...]:
        return equality.borough_answers()


class PrivacyNoticeForm(StepForm):
    seen = forms.ChoiceField(
        choices=[(YES, YES)],
        error_messages={
            "required": _("Read the privacy notice, then select continue"),
            "invalid_choice": _("Read the privacy notice, then select continue"),
        },
    )


CHANGE, STOP = "change", "stop"


class StopForm(forms.Form):
    """An answer that ends the application: change it, or stop and delete every answer."""

    CHOICES = [
        (CHANGE, _("No, I want to change my answer")),
        (STOP, _("Yes, stop and delete my answers")),
    ]
    answer = forms.ChoiceField(
        choices=CHOICES,
        error_messages={
            "required": _("Select if you want to change your answer or stop"),
            "invalid_choice": _("Select if you want to change your answer or stop"),
        },
    )


class SubmitForm(forms.Form):
    """Check your answers: the single-use token and the honeypot field people never see."""

    token = forms.CharField(required=False)
    # Hidden from people (display: none and aria-hidden); automated programs fill it in.
    website = forms.CharField(required=False)
