"""Forms of the feedback loop pages. Choices that depend on the data (agenda items, themes,
points, areas, police leads) are given by the view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from insights import rules
from insights.models import PointKind, PolicePosition, ProgressKind, ResponseDecision
from lib.rules import RuleBroken, form_rule_error
from recruitment.forms import DatesForm, error_list


class _Errors:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


class PointForm(_Errors, forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of point is it?"),
        choices=PointKind.choices,
        error_messages={"required": _("Select what kind of point it is")},
    )
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item (optional)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    themes = forms.TypedMultipleChoiceField(
        label=_("Themes"), coerce=int, required=False, help_text=_("Select all that apply.")
    )
    text = forms.CharField(
        label=_("What was said"),
        help_text=_(
            "Write it in your words. Do not name a member or anyone else: personal details "
            "are redacted, and you check the result next."
        ),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter what was said"),
            "max_length": _("What was said must be 4,000 characters or fewer"),
        },
    )

    def __init__(
        self,
        *args: Any,
        agenda_items: list[tuple[Any, str]],
        themes: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", _("Not about one item")), *agenda_items]  # type: ignore[attr-defined]
        self.fields["themes"].choices = themes  # type: ignore[attr-defined]


class RecommendationForm(_Errors, forms.Form):
    points = forms.TypedMultipleChoiceField(
        label=_("Feedback points it comes from"),
        coerce=int,
        help_text=_("Select one or more confirmed points, from any of the forum's meetings."),
        error_messages={"required": _("Select at least one feedback point")},
    )
    title = forms.CharField(
        label=_("Title"),
        help_text=_("A short summary, for example “Tell victims who their officer is”."),
        max_length=200,
        error_messages={"required": _("Enter a title")},
    )
    ask = forms.CharField(
        label=_("What the forum asks the police to do"),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Enter what the forum asks the police to do")},
    )
    why = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Enter why the forum asks for it")},
    )
    owner_area = forms.TypedChoiceField(
        label=_("Owner area (optional)"),
        help_text=_("The police area whose professional leads will answer it."),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        points: list[tuple[int, str]],
        areas: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["points"].choices = points  # type: ignore[attr-defined]
        self.fields["owner_area"].choices = [("", _("Choose later")), *areas]  # type: ignore[attr-defined]


class AreaChoiceForm(_Errors, forms.Form):
    owner_area = forms.TypedChoiceField(
        label=_("Owner area"),
        coerce=int,
        error_messages={
            "required": _("Select the owner area"),
            "invalid_choice": _("Select the owner area"),
        },
    )

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_area"].choices = areas  # type: ignore[attr-defined]


class ThemeForm(_Errors, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, error_messages={"required": _("Enter the name")}
    )
    name_cy = forms.CharField(label=_("Name in Welsh (optional)"), max_length=120, required=False)
    active = forms.BooleanField(label=_("Offer this theme for new points"), required=False)


class OwnerAreaForm(_Errors, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=160, error_messages={"required": _("Enter the name")}
    )
    description = forms.CharField(
        label=_("Description (optional)"), required=False, max_length=1000, widget=forms.Textarea
    )
    leads = forms.TypedMultipleChoiceField(
        label=_("Professional leads"),
        coerce=int,
        required=False,
        help_text=_("The police leads who answer this area's recommendations."),
    )
    active = forms.BooleanField(label=_("In use"), required=False)

    def __init__(self, *args: Any, leads: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leads"].choices = leads  # type: ignore[attr-defined]


class ResponseForm(DatesForm):
    dates = (("target_date", _("The target date"), False),)

    decision = forms.ChoiceField(
        label=_("What is the police response?"),
        choices=ResponseDecision.choices,
        error_messages={"required": _("Select the police response")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Required unless you accept it in full. The forum's members read it, so write "
            "it in plain English."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea,
    )
    owner = forms.CharField(
        label=_("Owner (job title)"),
        help_text=_("A role, not a person's name. For example, Head of Contact Centre."),
        required=False,
        max_length=160,
    )
    actions = forms.CharField(
        label=_("Actions"),
        help_text=_("What the police will do."),
        required=False,
        max_length=4000,
        widget=forms.Textarea,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        decision = data.get("decision")
        if decision:
            try:
                rules.check_reason(decision, data.get("reason") or "")
            except RuleBroken as error:  # the rule the service applies, with its message
                form_rule_error(self, error)
        return data


class ProgressForm(_Errors, forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you recording?"),
        choices=ProgressKind.choices,
        error_messages={"required": _("Select what you are recording")},
    )
    text = forms.CharField(
        label=_("What has happened"),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": _("Enter what has happened")},
    )


class PositionForm(_Errors, forms.Form):
    position = forms.ChoiceField(
        label=_("Position"),
        choices=PolicePosition.choices,
        help_text=_(
            "The Head of Profession and Lead Responsible Officers see every recommendation; "
            "a professional lead sees those of the owner areas they lead."
        ),
        error_messages={"required": _("Select the position")},
    )
