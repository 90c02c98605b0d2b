"""Writes to the support directory. Every change is recorded in the directory's light audit
(DirectoryChange: who, what, which fields; these are organisations, not people)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from directory.models import (
    AccessibilityFeature,
    ChangeAction,
    DirectoryChange,
    Funding,
    GroupServed,
    Location,
    Organisation,
    Service,
    ServiceStatus,
    SpokenLanguage,
)

ORGANISATION_FIELDS = ("name", "description", "email", "phone", "website", "charity_number")
SERVICE_FIELDS = (
    "name",
    "description",
    "referral",
    "how_to_access",
    "email",
    "phone",
    "website",
    "hours",
    "london_wide",
)
SERVICE_LINKS = ("boroughs", "crime_types", "groups", "languages", "accessibility")


def change_record(
    *, actor: User | None, action: str, obj: Model, fields: Iterable[str] = (), note: str = ""
) -> DirectoryChange:
    return DirectoryChange.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.model_name or "",
        object_id=str(obj.pk),
        fields=sorted(set(fields)),
        note=note[:200],
    )


# Words under /support/ that are staff pages, never a service's slug.
RESERVED_SLUGS = {"leaflets", "manage"}


def _unique_slug(model: type[Organisation] | type[Service], text: str, pk: int | None) -> str:
    base = slugify(text)[:180] or "item"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exclude(pk=pk or 0).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _changed(obj: Model, data: dict[str, Any], names: Iterable[str]) -> list[str]:
    changed = []
    for name in names:
        if name in data and getattr(obj, name) != data[name]:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed


# Organisations ----------------------------------------------------------------------------


@transaction.atomic
def organisation_save(
    *, actor: User | None, organisation: Organisation | None, data: dict[str, Any]
) -> Organisation:
    """Add an organisation (organisation=None) or change one."""
    creating = organisation is None
    org = organisation or Organisation()
    changed = _changed(org, data, ORGANISATION_FIELDS)
    if creating or "name" in changed:
        org.slug = _unique_slug(Organisation, org.name, org.pk)
    if not creating and not changed:
        return org
    org.updated_at = timezone.now()
    org.save()
    change_record(
        actor=actor,
        action=ChangeAction.CREATED if creating else ChangeAction.CHANGED,
        obj=org,
        fields=changed,
    )
    return org


@transaction.atomic
def organisation_retire(*, actor: User, organisation: Organisation) -> None:
    """Hide an organisation and all its services from the public (kept for the funding
    register)."""
    if not organisation.active:
        return
    organisation.active = False
    organisation.updated_at = timezone.now()
    organisation.save(update_fields=["active", "updated_at"])
    change_record(actor=actor, action=ChangeAction.RETIRED, obj=organisation)


@transaction.atomic
def organisation_restore(*, actor: User, organisation: Organisation) -> None:
    if organisation.active:
        return
    organisation.active = True
    organisation.updated_at = timezone.now()
    organisation.save(update_fields=["active", "updated_at"])
    change_record(actor=actor, action=ChangeAction.RESTORED, obj=organisation)


# Services ---------------------------------------------------------------------------------


def _set_links(service: Service, links: Mapping[str, Iterable[Any]]) -> list[str]:
    changed = []
    for name in SERVICE_LINKS:
        if name not in links:
            continue
        manager = getattr(service, name)
        wanted = {obj.pk for obj in links[name]}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(links[name]))
            changed.append(name)
    return changed


@transaction.atomic
def service_save(
    *,
    actor: User | None,
    service: Service | None,
    organisation: Organisation,
    data: dict[str, Any],
    links: Mapping[str, Iterable[Any]] | None = None,
) -> Service:
    """Add a service to `organisation` (service=None) or change one. `links` holds the
    many-to-many choices by name (boroughs, crime_types, groups, languages, accessibility)."""
    creating = service is None
    svc = service or Service(organisation=organisation)
    changed = _changed(svc, data, SERVICE_FIELDS)
    if creating or "name" in changed:
        svc.slug = _unique_slug(Service, f"{organisation.name} {svc.name}", svc.pk)
    if creating or changed:
        svc.updated_at = timezone.now()
        svc.save()
    changed += _set_links(svc, links or {})
    if creating or changed:
        change_record(
            actor=actor,
            action=ChangeAction.CREATED if creating else ChangeAction.CHANGED,
            obj=svc,
            fields=changed,
        )
    return svc


@transaction.atomic
def service_retire(*, actor: User, service: Service) -> None:
    if service.status == ServiceStatus.INACTIVE:
        return
    service.status = ServiceStatus.INACTIVE
    service.updated_at = timezone.now()
    service.save(update_fields=["status", "updated_at"])
    change_record(actor=actor, action=ChangeAction.RETIRED, obj=service)


@transaction.atomic
def service_restore(*, actor: User, service: Service) -> None:
    if service.status == ServiceStatus.ACTIVE:
        return
    service.status = ServiceStatus.ACTIVE
    service.updated_at = timezone.now()
    service.save(update_fields=["status", "updated_at"])
    change_record(actor=actor, action=ChangeAction.RESTORED, obj=service)


def spoken_languages(codes: Iterable[str]) -> list[SpokenLanguage]:
    """The SpokenLanguage rows for `codes` (already checked), made when first used."""
    return [SpokenLanguage.objects.get_or_create(code=code)[0] for code in codes]


def groups_for(keys: Iterable[str]) -> list[GroupServed]:
    return [GroupServed.objects.get_or_create(key=key)[0] for key in keys]


def accessibility_for(keys: Iterable[str]) -> list[AccessibilityFeature]:
    return [AccessibilityFeature.objects.get_or_create(key=key)[0] for key in keys]


# Funding ----------------------------------------------------------------------------------


@transaction.atomic
def funding_record(
    *, actor: User | None, organisation: Organisation, fund: str, year: int, amount: Decimal
) -> Funding:
    """Record funding; the same fund and year for an organisation is updated, not doubled."""
    funding, created = Funding.objects.get_or_create(
        organisation=organisation, fund=fund, year=year, defaults={"amount": amount}
    )
    if not created and funding.amount != amount:
        funding.amount = amount
        funding.save(update_fields=["amount"])
        change_record(actor=actor, action=ChangeAction.CHANGED, obj=funding, fields=["amount"])
    elif created:
        change_record(actor=actor, action=ChangeAction.CREATED, obj=funding)
    return funding


@transaction.atomic
def funding_remove(*, actor: User, funding: Funding) -> None:
    change_record(actor=actor, action=ChangeAction.RETIRED, obj=funding, note="removed")
    funding.delete()


# Locations --------------------------------------------------------------------------------


def location_for(*, organisation: Organisation, name: str, address: str, postcode: str) -> Location:
    from directory.selectors import borough_for_postcode

    location, _created = Location.objects.update_or_create(
        organisation=organisation,
        name=name,
        defaults={
            "address": address,
            "postcode": postcode.upper(),
            "borough": borough_for_postcode(postcode) if postcode else None,
        },
    )
    return location
