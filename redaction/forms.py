"""Forms of the review page: add a redaction by typing its words, undo one."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redaction.services import MAX_PHRASE_LENGTH

# What each type of personal data is called on the page (the engine's TYPES).
TYPE_LABELS: dict[str, Any] = {
    "NAME": _("Name"),
    "EMAIL": _("Email address"),
    "PHONE": _("Phone number"),
    "POSTCODE": _("Postcode"),
    "ADDRESS": _("Street address"),
    "DOB": _("Date of birth"),
    "NI_NUMBER": _("National Insurance number"),
    "NHS_NUMBER": _("NHS number"),
    "VEHICLE_REG": _("Vehicle registration"),
    "CARD_NUMBER": _("Bank card number"),
    "POLICE_REF": _("Police reference"),
    "OFFICER_ID": _("Officer's shoulder or warrant number"),
    "SOCIAL_HANDLE": _("Social media name"),
}


def type_choices() -> list[tuple[str, Any]]:
    from redaction.engine import TYPES

    return [(t, TYPE_LABELS.get(t, t)) for t in TYPES]


def type_label(span_type: str) -> str:
    return str(TYPE_LABELS.get(span_type, span_type))


class AddRedactionForm(forms.Form):
    phrase = forms.CharField(
        label=_("Words to redact"),
        max_length=MAX_PHRASE_LENGTH,
        strip=True,
        error_messages={
            "required": _("Enter the words to redact"),
            "max_length": _("Words to redact must be %(limit_value)s characters or fewer"),
        },
    )
    type = forms.ChoiceField(
        label=_("What they are"),
        error_messages={
            "required": _("Select what the words are"),
            "invalid_choice": _("Select what the words are"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = type_choices()  # type: ignore[attr-defined]


class UndoForm(forms.Form):
    """Which redaction to undo; start and end check it is still the one on the page."""

    span_index = forms.IntegerField(min_value=0)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=0)
