"""Forms for subject requests: the search, a legal hold and the erasure confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.subjects import SubjectQuery, normalise_phone

ERASE_WORD = "ERASE"


class SubjectSearchForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    name = forms.CharField(label=_("Full name or part of it"), required=False, max_length=200)

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        if phone and len(normalise_phone(phone)) < 10:
            raise forms.ValidationError(_("Enter a phone number, like 07700 900 982"))
        return phone

    def clean_name(self) -> str:
        name: str = " ".join(self.cleaned_data["name"].split())
        if name and len(name) < 3:
            raise forms.ValidationError(_("Enter at least 3 letters of the name"))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(k) for k in ("email", "phone", "name")):
            raise forms.ValidationError(_("Enter an email address, a phone number or a name"))
        return data

    def query(self) -> SubjectQuery:
        return SubjectQuery(
            email=self.cleaned_data.get("email") or "",
            phone=self.cleaned_data.get("phone") or "",
            name=self.cleaned_data.get("name") or "",
        ).normalised()


class LegalHoldForm(forms.Form):
    records = forms.MultipleChoiceField(
        label=_("Which records must be kept?"),
        error_messages={"required": _("Select at least one record to hold")},
    )
    reason = forms.CharField(
        label=_("Reason for the hold"),
        max_length=500,
        error_messages={"required": _("Enter the reason for the hold")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records = self.fields["records"]
        assert isinstance(records, forms.MultipleChoiceField)
        records.choices = choices


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type ERASE to confirm"),
        max_length=20,
        error_messages={"required": _("Type ERASE to confirm the erasure")},
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"].strip()
        if value.upper() != ERASE_WORD:
            raise forms.ValidationError(_("Type ERASE to confirm the erasure"))
        return value
