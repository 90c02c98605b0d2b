"""The fictional people of the demo and of the test suite: one account per role.

`make run` prints how to sign in as each; tests reuse the same cast (tests/conftest.py).
Every name and address here is invented. Never used in production.
"""

import base64
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts.models import Organisation, RoleAssignment, User
from accounts.roles import OrganisationKind, PanelSeat, Role
from forums.models import Forum

DEMO_PASSWORD = "demo-password-not-for-real-use"  # noqa: S105
EMAIL_DOMAIN = "example.org"

ORGANISATIONS = {
    "oversight": ("Office for Policing and Crime (demo)", OrganisationKind.OVERSIGHT_BODY),
    "police": ("Metropolitan Police (demo)", OrganisationKind.POLICE_FORCE),
    "facilitators": (
        "Independent Facilitation Ltd (demo)",
        OrganisationKind.INDEPENDENT_FACILITATOR,
    ),
    "partner": ("Access and Pride Partnership (demo)", OrganisationKind.PARTNER_FACILITATOR),
    "cps": ("Crown Prosecution Service (demo)", OrganisationKind.PARTNER_AGENCY),
}

FORUMS = {
    "forum_a": ("Violence against women and girls forum", "facilitators"),
    "forum_b": ("Disabled victims forum", "partner"),
}


@dataclass(frozen=True)
class Persona:
    key: str
    name: str
    role: str | None
    organisation: str | None
    forums: tuple[str, ...] = ()
    panel_seat: str = ""
    mfa: bool = True
    # Fixed so that `manage.py demo_code EMAIL` can print the current code.
    totp_secret: str = field(default="")

    @property
    def email(self) -> str:
        return f"{self.key.replace('_', '.')}@{EMAIL_DOMAIN}"


def _secret(n: int) -> str:
    # A base32 TOTP secret, distinct per persona and plainly a demo value.
    return base64.b32encode(f"victim-voice-demo-{n:02d}".encode()).decode()


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "programme_admin", "Priya Admin", Role.PROGRAMME_ADMIN, "oversight", totp_secret=_secret(1)
    ),
    Persona(
        "facilitator_forum_a",
        "Fran Facilitator",
        Role.FACILITATOR,
        "facilitators",
        ("forum_a",),
        totp_secret=_secret(2),
    ),
    Persona(
        "facilitator_partner",
        "Pat Partner",
        Role.FACILITATOR,
        "partner",
        ("forum_b",),
        totp_secret=_secret(3),
    ),
    Persona(
        "panel_oversight",
        "Olu Panel",
        Role.VETTING_PANEL,
        "oversight",
        panel_seat=PanelSeat.OVERSIGHT_BODY,
        totp_secret=_secret(4),
    ),
    Persona(
        "panel_police",
        "Paul Panel",
        Role.VETTING_PANEL,
        "police",
        panel_seat=PanelSeat.POLICE,
        totp_secret=_secret(5),
    ),
    Persona(
        "panel_facilitator",
        "Fay Panel",
        Role.VETTING_PANEL,
        "facilitators",
        panel_seat=PanelSeat.FACILITATOR,
        totp_secret=_secret(6),
    ),
    Persona(
        "police_lead", "Commander Lee Lead", Role.POLICE_LEAD, "police", totp_secret=_secret(7)
    ),
    Persona("partner_agency", "Casey Partner", Role.PARTNER_AGENCY, "cps", totp_secret=_secret(8)),
    Persona("analyst", "Ana Analyst", Role.ANALYST, "police", totp_secret=_secret(9)),
    Persona("officer", "PC Olly Officer", Role.OFFICER, "police", totp_secret=_secret(10)),
    Persona("desk_agent", "Dee Desk", Role.DESK_AGENT, "police", totp_secret=_secret(11)),
    Persona(
        "desk_supervisor",
        "Suki Supervisor",
        Role.DESK_SUPERVISOR,
        "police",
        totp_secret=_secret(13),
    ),
    Persona(
        "dpo", "Dana Protection", Role.DATA_PROTECTION_OFFICER, "oversight", totp_secret=_secret(12)
    ),
    Persona("member", "Morgan Member", Role.MEMBER, None, mfa=False),
    # Test-only shapes, also handy in the demo to see the rules work:
    Persona("staff_without_mfa", "Sam NoMFA", Role.ANALYST, "police", mfa=False),
    Persona("outsider", "Olive Outsider", None, None, mfa=False),
)

PERSONAS_BY_KEY = {p.key: p for p in PERSONAS}


def build_personas() -> dict[str, User]:
    """Create (or find) every persona. Safe to run again. Refuses in production."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo people are never created in production.")
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    with transaction.atomic():
        orgs = {
            key: Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
            for key, (name, kind) in ORGANISATIONS.items()
        }
        forums = {
            key: Forum.objects.get_or_create(
                name=name, defaults={"facilitating_organisation": orgs[org]}
            )[0]
            for key, (name, org) in FORUMS.items()
        }
        people: dict[str, User] = {}
        for p in PERSONAS:
            user = User.objects.filter(email=p.email).first()
            if user is None:
                password = None if p.role == Role.MEMBER else DEMO_PASSWORD
                user = User.objects.create_user(
                    p.email,
                    password,
                    full_name=p.name,
                    organisation=orgs[p.organisation] if p.organisation else None,
                )
            if p.role and not user.role_assignments.current().filter(role=p.role).exists():
                assignment = RoleAssignment.objects.create(
                    user=user, role=p.role, panel_seat=p.panel_seat
                )
                assignment.forums.set([forums[f] for f in p.forums])
            if (
                p.mfa
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                TOTP.activate(user, p.totp_secret)
            people[p.key] = user
    return people
