"""Who may open each URL of the directory app (collected by tests/project/access_all.py)."""

from typing import Any

from tests.access import only, public

# Public pages; a member of staff who has not set up MFA is sent to set it up first.
_NO_MFA = {"staff_without_mfa": "mfa"}


def _organisation(p: dict[str, Any]) -> dict[str, Any]:
    from directory.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name="Matrix Support Org", defaults={"slug": "matrix-support-org"}
    )
    return {"organisation_id": org.pk}


def _service(p: dict[str, Any], key: str = "service_id") -> dict[str, Any]:
    from directory.models import Organisation, Service

    org, _ = Organisation.objects.get_or_create(
        name="Matrix Support Org", defaults={"slug": "matrix-support-org"}
    )
    service, _ = Service.objects.get_or_create(
        slug="matrix-support-org-helpline",
        defaults={"organisation": org, "name": "Helpline", "london_wide": True},
    )
    return {key: service.pk if key == "service_id" else service.slug}


def _funding(p: dict[str, Any]) -> dict[str, Any]:
    from decimal import Decimal

    from directory.models import Funding, Organisation

    org, _ = Organisation.objects.get_or_create(
        name="Matrix Support Org", defaults={"slug": "matrix-support-org"}
    )
    funding = Funding.objects.create(
        organisation=org, fund="Victims' Fund", year=2025, amount=Decimal("1000")
    )
    return {"funding_id": funding.pk}


ADMIN = "programme_admin"
_post = "a form posts here (tests/directory/test_manage.py)"

DECLARATIONS: dict[str, Any] = {
    "directory:rights": public(overrides=_NO_MFA),
    "directory:right": public(
        kwargs=lambda p: {"slug": "victim-personal-statement"}, overrides=_NO_MFA
    ),
    "directory:services": public(overrides=_NO_MFA),
    "directory:service": public(
        kwargs=lambda p: {"slug": _service(p, key="slug")["slug"]}, overrides=_NO_MFA
    ),
    "directory:leaflets": only(ADMIN, "officer"),
    "directory:manage": only(ADMIN),
    "directory:organisation_new": only(ADMIN),
    "directory:import": only(ADMIN),
    "directory:register": only(ADMIN),
    "directory:register_csv": only(ADMIN),
    "directory:organisation": only(ADMIN, kwargs=_organisation),
    "directory:organisation_edit": only(ADMIN, kwargs=_organisation),
    "directory:organisation_retire": only(ADMIN, ok=405, kwargs=_organisation),
    "directory:service_new": only(ADMIN, kwargs=_organisation),
    "directory:funding_add": only(ADMIN, ok=405, kwargs=_organisation),
    "directory:funding_remove": only(ADMIN, ok=405, kwargs=_funding),
    "directory:service_edit": only(ADMIN, kwargs=_service),
    "directory:service_retire": only(ADMIN, ok=405, kwargs=_service),
}
