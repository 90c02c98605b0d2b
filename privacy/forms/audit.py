"""The data protection officer's audit log filter (a GET form: it changes nothing)."""

import datetime
from typing import Any

from django import forms
from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import STAFF_ROLES
from privacy.audit_events import registry

DATE_PARTS = ("day", "month", "year")
DATE_PART_NAMES = {"day": _("day"), "month": _("month"), "year": _("year")}
DATE_FILTERS = {"date_from": _("Date from"), "date_to": _("Date to")}


def object_type_label(object_type: str) -> str:
    """ "accounts.user" -> "User"; types no longer installed show as stored."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name).capitalize()


def staff_people() -> QuerySet[User]:
    """Everyone who holds or has held a staff role: the people whose actions are audited."""
    return (
        User.objects.filter(role_assignments__role__in=[r.value for r in STAFF_ROLES])
        .distinct()
        .only("id", "full_name")
        .order_by("full_name", "id")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def app_choices() -> list[tuple[str, str]]:
    """The parts of the service that write audit events, by their names in the reader's
    language."""
    named = [(app, str(label)) for app, label in registry.apps().items()]
    return [("", gettext("Any part")), *sorted(named, key=lambda c: c[1])]


def event_choices() -> list[tuple[str, str]]:
    """Every registered event, grouped by part of the service, as "Forums: Cancelled a
    meeting", in the reader's language."""
    named = [
        (event.name, f"{registry.app_label(event.app)}: {event.label}")
        for event in registry.events()
    ]
    return [("", gettext("Any event")), *sorted(named, key=lambda c: c[1])]


class AuditFilterForm(forms.Form):
    app = forms.ChoiceField(
        label=_("Part of the service"),
        required=False,
        error_messages={"invalid_choice": _("Select a part of the service from the list")},
    )
    action = forms.ChoiceField(
        label=_("Event"),
        required=False,
        error_messages={"invalid_choice": _("Select an event from the list")},
    )
    object_type = forms.ChoiceField(
        label=_("Type of record"),
        required=False,
        error_messages={"invalid_choice": _("Select a type of record from the list")},
    )
    object_id = forms.CharField(
        label=_("Record number"),
        required=False,
        max_length=64,
        error_messages={"max_length": _("Record number must be 64 characters or fewer")},
    )
    actor = PersonChoiceField(
        label=_("Person who acted"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Anyone"),
        error_messages={"invalid_choice": _("Select a person from the list")},
    )

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        # Ids match the names, as the GOV.UK date input's do, so error links reach them.
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.fields["app"].choices = app_choices()  # type: ignore[attr-defined]
        self.fields["action"].choices = event_choices()  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [  # type: ignore[attr-defined]
            ("", _("Any type")),
            *sorted(((t, object_type_label(t)) for t in object_types), key=lambda c: c[1]),
        ]
        self.fields["actor"].queryset = staff_people()  # type: ignore[attr-defined]
        for prefix in DATE_FILTERS:
            for part in DATE_PARTS:
                self.fields[f"{prefix}-{part}"] = forms.CharField(required=False, max_length=4)
        self.date_errors: dict[str, str] = {}

    def _clean_date(self, prefix: str) -> datetime.date | None:
        parts = [(self.cleaned_data.get(f"{prefix}-{p}") or "").strip() for p in DATE_PARTS]
        label = str(DATE_FILTERS[prefix])
        if not any(parts):
            return None
        missing = [
            str(DATE_PART_NAMES[p]) for p, value in zip(DATE_PARTS, parts, strict=True) if not value
        ]
        if missing:
            self._date_error(
                prefix,
                gettext("%(label)s must include a %(part)s") % {"label": label, "part": missing[0]},
            )
            return None
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1000:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError:
            self._date_error(prefix, gettext("%(label)s must be a real date") % {"label": label})
            return None

    def _date_error(self, prefix: str, message: str) -> None:
        self.date_errors[prefix] = message
        self.add_error(f"{prefix}-day", message)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["date_from"] = self._clean_date("date_from")
        data["date_to"] = self._clean_date("date_to")
        if data["date_from"] and data["date_to"] and data["date_to"] < data["date_from"]:
            self._date_error("date_to", gettext("Date to must be the same as or after date from"))
        return data

    def filters(self) -> dict[str, Any]:
        """The filters that were used, for the selector. Call after is_valid()."""
        names = ("app", "action", "object_type", "object_id", "actor", "date_from", "date_to")
        found = {name: self.cleaned_data.get(name) for name in names}
        if found["object_id"]:
            found["object_id"] = found["object_id"].strip()
        return {name: value for name, value in found.items() if value not in (None, "")}
