"""Legal holds: records that must not be deleted or anonymised while a hold is in force.

Retention rules and erasure requests both go through `exclude_held(queryset)` before
they delete or anonymise anything, and `is_held(obj)` for one object.

A hold names one record by model label and primary key. A hold on a person (the user
model) also holds every record that points at that person through a foreign key.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


def _hold_model() -> Any:
    try:
        return apps.get_model("privacy", "LegalHold")
    except LookupError:  # the model arrives with migration 0005
        return None


def _held_ids(label: str) -> list[str]:
    LegalHold = _hold_model()
    if LegalHold is None:
        return []
    return list(
        LegalHold.objects.filter(model_label=label, released_at__isnull=True).values_list(
            "object_id", flat=True
        )
    )


def _pks(model: type[models.Model], ids: list[str]) -> list[Any]:
    field = model._meta.pk
    assert field is not None
    out = []
    for value in ids:
        with suppress(ValidationError):  # a hold on an id this model cannot hold
            out.append(field.to_python(value))
    return out


def _user_links(model: type[models.Model]) -> list[str]:
    """Names of the model's foreign keys (and one-to-ones) to the user model."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "many_to_one", False) or getattr(f, "one_to_one", False)
        if getattr(f, "concrete", False) and f.related_model is user_model
    ]


def held_user_ids() -> list[Any]:
    """Primary keys of the accounts under a hold."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return _pks(user_model, _held_ids(user_model._meta.label_lower))


def held_q(model: type[models.Model]) -> Q | None:
    """A Q matching the rows of `model` under a hold, or None when none are held."""
    q = Q()
    direct = _pks(model, _held_ids(model._meta.label_lower))
    if direct:
        q |= Q(pk__in=direct)
    links = _user_links(model)
    if links:
        users = held_user_ids()
        if users:
            for name in links:
                q |= Q(**{f"{name}__in": users})
    from privacy.subjects import registry  # the providers may hold by other links

    for extra in registry.extra_held_q(model):
        q |= extra
    return q if q else None


def exclude_held(queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """The queryset without any row under a legal hold."""
    q = held_q(queryset.model)
    return queryset.exclude(q) if q is not None else queryset


def is_held(obj: models.Model) -> bool:
    """Whether this object is under a legal hold (directly or through its person)."""
    q = held_q(type(obj))
    if q is None:
        return False
    return type(obj)._default_manager.filter(q, pk=obj.pk).exists()
