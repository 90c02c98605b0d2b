from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from expenses import rules
from expenses.models import MEMBER_CATEGORIES, ClaimCategory
from lib.rules import RuleBroken
from recruitment.forms import error_list


class _Errors:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


class ClaimForm(_Errors, forms.Form):
    meeting = forms.TypedChoiceField(
        label=_("Which meeting is it for?"),
        coerce=int,
        error_messages={"required": _("Choose the meeting")},
    )
    category = forms.ChoiceField(
        label=_("What is it for?"),
        choices=[(c.value, c.label) for c in ClaimCategory if c in MEMBER_CATEGORIES],
        error_messages={"required": _("Choose what the claim is for")},
    )
    # Text, not a DecimalField: people write "£12.50" or "1,200" (rules.parse_amount).
    amount = forms.CharField(
        label=_("How much, in pounds?"),
        help_text=_("For example, 12.50"),
        max_length=40,
        error_messages={"required": _("Enter how much you spent")},
    )
    description = forms.CharField(
        label=_("Details (optional)"),
        help_text=_("For example, the bus there and back."),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
    )
    receipt = forms.FileField(
        label=_("Receipt (optional)"),
        help_text=_("A photo or PDF of the receipt: PDF, JPEG or PNG, up to 5 MB."),
        required=False,
    )

    # Asked only when the member already has a travel claim for the meeting
    # (rules.check_another_journey).
    another_journey = forms.BooleanField(
        label=_("Yes, this is another journey"),
        required=False,
    )
    remove_receipt = forms.BooleanField(label=_("Remove this receipt"), required=False)

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meetings  # type: ignore[attr-defined]

    def clean_amount(self) -> Decimal:
        try:
            return rules.check_amount(self.cleaned_data["amount"])
        except RuleBroken as error:
            raise forms.ValidationError(str(error)) from None


class DecisionForm(_Errors, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Do not approve"))],
        error_messages={"required": _("Choose a decision")},
    )
    reason = forms.CharField(
        label=_("Why not (told to the member)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the claim is not approved"))
        return data
