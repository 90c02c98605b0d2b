"""Forms of the queue: its filters, reassigning a claim, the reason a task was late, and what
was done about a routed feedback comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleAssignment, User
from desk.access import DESK_ROLES
from desk.forms.common import ErrorList
from desk.models import LateReason, RoutedAction
from desk.selectors.queue import KIND_FILTERS, QueueFilters
from feedback.models import Borough, Language, Team

KIND_LABELS = {
    "right6": _("Update owed (Right 6)"),
    "periodic": _("Agreed regular update"),
    "referral": _("Referral to support (Right 4)"),
    "routed": _("Routed feedback"),
}
ENHANCED_LABELS = {"yes": _("Enhanced rights"), "no": _("Not enhanced")}
# Every reason but "we heard of it late", which the desk sets itself.
LATE_REASONS = [(code, label) for code, label in LateReason.choices if code != "source_late"]


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


class QueueFilter:
    """The queue's filters, read from the query string. Not a Django form: a value that is
    not one of the choices is ignored rather than shown as an error."""

    def __init__(self, query: QueryDict) -> None:
        self.teams = [
            (str(pk), name)
            for pk, name in Team.objects.filter(active=True).values_list("pk", "name")
        ]
        self.boroughs = [(str(pk), name) for pk, name in Borough.objects.values_list("pk", "name")]
        self.languages = list(Language.objects.values_list("code", "name_english"))
        self.kinds = [(code, KIND_LABELS[code]) for code in KIND_FILTERS]
        self.enhanced_choices = list(ENHANCED_LABELS.items())
        self.values = {
            name: value
            for name, choices in self.choices().items()
            if (value := query.get(name, "")) in {code for code, _label in choices}
        }

    def choices(self) -> dict[str, list[tuple[str, Any]]]:
        return {
            "team": self.teams,
            "borough": self.boroughs,
            "enhanced": self.enhanced_choices,
            "language": self.languages,
            "kind": self.kinds,
        }

    def filters(self) -> QueueFilters:
        enhanced = self.values.get("enhanced")
        return QueueFilters(
            team=_number(self.values.get("team")),
            borough=_number(self.values.get("borough")),
            enhanced=None if enhanced is None else enhanced == "yes",
            language=self.values.get("language", ""),
            kind=self.values.get("kind", ""),
        )

    def query(self) -> dict[str, str]:
        """The filters in force, for the "Next page" link."""
        return dict(self.values)

    def language_name(self, code: str) -> str:
        return dict(self.languages).get(code, code)


def desk_people() -> Any:
    current = RoleAssignment.objects.current().filter(role__in=DESK_ROLES).values("user")
    return User.objects.filter(pk__in=current, is_active=True).order_by("full_name")


class ReassignForm(ErrorList, forms.Form):
    to = forms.ModelChoiceField(
        label=_("Who should work on this victim's tasks?"),
        queryset=User.objects.none(),
        empty_label=_("Choose someone"),
        error_messages={"required": _("Choose who should work on this victim's tasks")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = desk_people()  # type: ignore[attr-defined]


class LateReasonForm(ErrorList, forms.Form):
    late_reason = forms.ChoiceField(
        label=_("Why is it late?"),
        choices=LATE_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why this update is late")},
    )
    late_note = forms.CharField(
        label=_("If you chose another reason, say what it was"),
        required=False,
        max_length=500,
        widget=forms.Textarea,
    )


class RoutedTaskForm(ErrorList, forms.Form):
    action = forms.ChoiceField(
        label=_("What did you do?"),
        choices=RoutedAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what was done")},
    )
    note = forms.CharField(
        label=_("If there was no safe way to make contact, say why"),
        help_text=_("For example, the comment was anonymous. Do not write any names."),
        required=False,
        max_length=500,
        widget=forms.Textarea,
    )
    late_reason = forms.ChoiceField(
        label=_("This is past its deadline. Why is it late?"),
        choices=LATE_REASONS,
        widget=forms.RadioSelect,
        required=False,
    )
    late_note = forms.CharField(
        label=_("If you chose another reason, say what it was"),
        required=False,
        max_length=500,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["late_reason"]
            del self.fields["late_note"]
