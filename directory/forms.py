"""Forms of the programme team's directory pages and the leaflet page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.labels import language_name
from directory.models import Accessibility, Group, Organisation, Referral
from recruitment.forms import error_list


class _Errors:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


ROLE_MAILBOX_HINT = _(
    "Use a role mailbox such as referrals@, not a person's own address. Do not name people."
)


class OrganisationForm(_Errors, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter the name")}
    )
    description = forms.CharField(
        label=_("What the organisation does"), required=False, widget=forms.Textarea
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        help_text=ROLE_MAILBOX_HINT,
        required=False,
        error_messages={"invalid": _("Enter an email address like help@example.org")},
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a website address like https://example.org")},
    )
    charity_number = forms.CharField(
        label=_("Charity number (optional)"), max_length=20, required=False
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(name__iexact=name)
        if self.organisation is not None:
            clash = clash.exclude(pk=self.organisation.pk)
        if clash.exists():
            raise forms.ValidationError(_("There is already an organisation with this name"))
        return name


class ServiceForm(_Errors, forms.Form):
    name = forms.CharField(
        label=_("Name of the service"),
        max_length=200,
        error_messages={"required": _("Enter the name of the service")},
    )
    description = forms.CharField(
        label=_("What the service does"), required=False, widget=forms.Textarea
    )
    referral = forms.ChoiceField(
        label=_("How do people get the service?"),
        choices=Referral.choices,
        initial=Referral.SELF,
    )
    how_to_access = forms.CharField(
        label=_("How to contact or be referred"), required=False, widget=forms.Textarea
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        help_text=ROLE_MAILBOX_HINT,
        required=False,
        error_messages={"invalid": _("Enter an email address like help@example.org")},
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a website address like https://example.org")},
    )
    hours = forms.CharField(label=_("Opening hours (optional)"), max_length=200, required=False)
    london_wide = forms.BooleanField(label=_("The service covers all of London"), required=False)
    boroughs = forms.MultipleChoiceField(label=_("Boroughs covered"), required=False)
    crime_types = forms.MultipleChoiceField(
        label=_("Crime types (leave empty for all crimes)"), required=False
    )
    groups = forms.MultipleChoiceField(
        label=_("Groups served (optional)"), choices=Group.choices, required=False
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility (optional)"), choices=Accessibility.choices, required=False
    )
    languages = forms.CharField(
        label=_("Languages (optional)"),
        help_text=_("Language codes separated by commas, for example en, pl, so"),
        required=False,
        max_length=200,
    )

    def __init__(
        self,
        *args: Any,
        boroughs: list[tuple[str, str]],
        crime_types: list[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["boroughs"].choices = boroughs  # type: ignore[attr-defined]
        self.fields["crime_types"].choices = crime_types  # type: ignore[attr-defined]

    def clean_languages(self) -> list[str]:
        codes = [
            c.strip().lower()
            for c in self.cleaned_data["languages"].replace(";", ",").split(",")
            if c.strip()
        ]
        for code in codes:
            if language_name(code) is None:
                raise forms.ValidationError(
                    _("“%(code)s” is not a language code"), params={"code": code}
                )
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("london_wide") and not data.get("boroughs") and not self.errors:
            self.add_error("boroughs", _("Choose the boroughs the service covers"))
        if not any(data.get(name) for name in ("email", "phone", "website")) and not self.errors:
            self.add_error("email", _("Give at least one way to contact the service"))
        return data


class FundingForm(_Errors, forms.Form):
    fund = forms.CharField(
        label=_("Fund"),
        max_length=200,
        initial="Victims' Fund",
        error_messages={"required": _("Enter the name of the fund")},
    )
    year = forms.IntegerField(
        label=_("Year funding started"),
        help_text=_("For example, 2025 for 2025 to 2026"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Enter the year"),
            "invalid": _("Enter the year, like 2025"),
            "min_value": _("Enter a year from 2000"),
            "max_value": _("Enter a year before 2100"),
        },
    )
    amount = forms.DecimalField(
        label=_("Amount in pounds"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages={
            "required": _("Enter the amount"),
            "invalid": _("Enter the amount in pounds, like 12500.00"),
        },
    )


class ImportForm(_Errors, forms.Form):
    file = forms.FileField(
        label=_("Upload a CSV or Excel file"),
        error_messages={"required": _("Choose a CSV or Excel file")},
    )


class LeafletForm(_Errors, forms.Form):
    team = forms.ChoiceField(label=_("Team"), error_messages={"required": _("Choose a team")})
    language = forms.ChoiceField(
        label=_("Language"), error_messages={"required": _("Choose a language")}
    )

    def __init__(
        self,
        *args: Any,
        teams: list[tuple[str, str]],
        languages: list[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = teams  # type: ignore[attr-defined]
        self.fields["language"].choices = languages  # type: ignore[attr-defined]
