"""The questions of the register's sign-up, one form per page (engagement.journey). The
participant's portal pages use the same forms to change an answer.

Each form validates one step. A step's raw answers stay in the session, and a step counts as
complete only while its form, bound to them again, is valid: so a deep link or the back
button cannot skip a validation. Everything after the safe-contact page is optional.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement import reference
from engagement.reference import PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL
from lib.text import CleanCharField
from safecontact.models import parse_minute

NAME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 1000

EMAIL, TEXT, PHONE, VOICEMAIL, LETTER = "email", "text", "phone", "voicemail", "letter"
CHANNELS = (EMAIL, TEXT, PHONE, VOICEMAIL, LETTER)
CHANNEL_LABELS = {
    EMAIL: _("Email"),
    TEXT: _("Text message"),
    PHONE: _("Phone call"),
    VOICEMAIL: _("Voicemail message"),
    LETTER: _("Letter"),
}
DAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class StepForm(forms.Form):
    """A step's form. `answers` are the raw answers of the other steps (some forms need them)."""

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


class NameForm(StepForm):
    full_name = CleanCharField(
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Your name must be 200 characters or less"),
        },
    )


class ContactForm(StepForm):
    email = CleanCharField(
        required=False,
        max_length=320,
        error_messages={"max_length": _("Your email address must be 320 characters or less")},
    )
    phone = CleanCharField(
        required=False,
        max_length=40,
        error_messages={"max_length": _("Enter a mobile phone number, like 07700 900 982")},
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
            if not set(phone) <= set("0123456789 +-()") or not 10 <= len(digits) <= 15:
                raise forms.ValidationError(
                    gettext("Enter a mobile phone number, like 07700 900 982")
                )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error(
                "email", gettext("Enter an email address or a mobile phone number, or both")
            )
        return data


class SafeContactForm(StepForm):
    """Which ways are safe (only those the contact details allow, and letters), the address
    for letters, and optionally one safe time (days, from, to) and times to avoid."""

    channels = forms.MultipleChoiceField(
        error_messages={
            "required": _("Select at least one way it is safe to contact you"),
            "invalid_choice": _("Select at least one way it is safe to contact you"),
        },
    )
    address = CleanCharField(
        required=False,
        multiline=True,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": _("The address must be 1,000 characters or less")},
    )
    safe_days = forms.MultipleChoiceField(
        required=False,
        choices=DAYS,
        error_messages={"invalid_choice": _("Select the days it is safe to contact you")},
    )
    safe_from = CleanCharField(required=False, max_length=5)
    safe_to = CleanCharField(required=False, max_length=5)
    times_to_avoid = CleanCharField(
        required=False,
        multiline=True,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": _("Times to avoid must be 1,000 characters or less")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [(c, CHANNEL_LABELS[c]) for c in self.offered_channels()]
        self.fields["channels"].choices = offered  # type: ignore[attr-defined]

    def offered_channels(self) -> list[str]:
        """Email needs an email address; text, phone and voicemail a phone number."""
        contact = self.answers.get("contact") or {}
        offered = []
        if contact.get("email"):
            offered.append(EMAIL)
        if contact.get("phone"):
            offered.extend([TEXT, PHONE, VOICEMAIL])
        offered.append(LETTER)
        return offered

    def _time(self, name: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if value:
            try:
                minute = parse_minute(value)
            except ValueError:
                raise forms.ValidationError(
                    gettext("Enter a time in the 24-hour clock, like 09:30 or 17:00")
                ) from None
            value = f"{minute // 60:02d}:{minute % 60:02d}"
        return value

    def clean_safe_from(self) -> str:
        return self._time("safe_from")

    def clean_safe_to(self) -> str:
        return self._time("safe_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if LETTER in (data.get("channels") or []) and not data.get("address"):
            self.add_error("address", gettext("Enter the address it is safe to send letters to"))
        days, start, end = data.get("safe_days"), data.get("safe_from"), data.get("safe_to")
        if (days or start or end) and not self.errors:
            if not days:
                self.add_error("safe_days", gettext("Select the days it is safe to contact you"))
            elif not start:
                self.add_error("safe_from", gettext("Enter the time from which it is safe"))
            elif not end:
                self.add_error("safe_to", gettext("Enter the time until which it is safe"))
            elif start == end:
                self.add_error("safe_to", gettext("The end time must be different from the start"))
        return data


class ChoiceForm(StepForm):
    """One optional question with one answer, "Prefer not to say" among the answers."""

    field = ""

    answer = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Select one of the answers, or prefer not to say")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [*reference.options_for(self.field), (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL)]
        self.fields["answer"].choices = choices  # type: ignore[attr-defined]


class ManyForm(StepForm):
    """One optional question with several answers (checkboxes); "Prefer not to say" is an
    answer on its own."""

    field = ""

    answer = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Select the answers that apply, or prefer not to say")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [*reference.options_for(self.field), (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL)]
        self.fields["answer"].choices = choices  # type: ignore[attr-defined]

    def clean_answer(self) -> list[str]:
        answer = list(self.cleaned_data["answer"])
        if PREFER_NOT_TO_SAY in answer and len(answer) > 1:
            raise forms.ValidationError(
                gettext("Select the answers that apply, or select prefer not to say on its own")
            )
        return answer


def choice_form(name: str) -> type[ChoiceForm]:
    return type(f"{name.title().replace('_', '')}Form", (ChoiceForm,), {"field": name})


def many_form(name: str) -> type[ManyForm]:
    return type(f"{name.title().replace('_', '')}Form", (ManyForm,), {"field": name})


AgeBandForm = choice_form("age_band")
SexForm = choice_form("sex")
GenderIdentityForm = choice_form("gender_identity")
EthnicGroupForm = choice_form("ethnic_group")
SexualOrientationForm = choice_form("sexual_orientation")
DisabilityForm = choice_form("disability")
AreaForm = choice_form("area")
CrimeKindsForm = many_form("crime_kinds")
LanguagesForm = many_form("languages")
FormatsForm = many_form("formats")


class AccessNeedsForm(StepForm):
    access_needs = CleanCharField(
        required=False,
        multiline=True,
        max_length=TEXT_MAX_LENGTH,
        error_messages={"max_length": _("Access needs must be 1,000 characters or less")},
    )
    prefer_not_to_say = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("prefer_not_to_say") and data.get("access_needs"):
            self.add_error(
                "access_needs",
                gettext("Tell us your access needs, or select prefer not to say, not both"),
            )
        return data


class ConsentForm(StepForm):
    agree = forms.ChoiceField(
        choices=[("yes", "yes")],
        error_messages={
            "required": _("Select that you agree to join the register, or leave this page"),
            "invalid_choice": _("Select that you agree to join the register, or leave this page"),
        },
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=12,
        error_messages={
            "required": _("Enter the 6-digit code we sent you"),
            "max_length": _("The code is 6 digits"),
        },
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(gettext("The code is 6 digits, like 123456"))
        return code


class CheckForm(forms.Form):
    """Check your answers: the single-use token and the honeypot field people never see."""

    token = forms.CharField(required=False)
    website = forms.CharField(required=False)
