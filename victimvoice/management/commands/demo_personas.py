"""Print every demo person, their email and how to sign in as them (`make run` shows this)."""

from typing import Any

from django.core.management.base import BaseCommand

from accounts.roles import PanelSeat, Role
from victimvoice.personas import DEMO_PASSWORD, FORUMS, PERSONAS, Persona


def describe_role(persona: Persona) -> str:
    if persona.role is None:
        return "No role (outsider)"
    label = str(Role(persona.role).label)
    if persona.panel_seat:
        label += f" ({PanelSeat(persona.panel_seat).label} seat)"
    if persona.forums:
        label += " (" + ", ".join(FORUMS[f][0] for f in persona.forums) + ")"
    if persona.key == "staff_without_mfa":
        label += ", no MFA yet"
    return label


def how_to_sign_in(persona: Persona) -> str:
    if persona.role == Role.MEMBER:
        return "email code"
    if persona.mfa:
        return "password + code"
    if persona.role is None:
        return "password"
    return "password, then set up MFA"


class Command(BaseCommand):
    help = "Print the demo people and how to sign in as each."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        url = f"http://127.0.0.1:{options['port']}/"
        rows = [("Role", "Email", "How to sign in")] + [
            (describe_role(p), p.email, how_to_sign_in(p)) for p in PERSONAS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [
            "",
            f"Victim Voice demo: {url}",
            "Every person below is fictional. Choose 'Sign in' at the top of any page.",
            "",
        ]
        for i, (role, email, how) in enumerate(rows):
            lines.append(f"  {role:<{widths[0]}}  {email:<{widths[1]}}  {how}".rstrip())
            if i == 0:
                lines.append("  " + "-" * (sum(widths) + 4))
        lines += [
            "",
            f'Password (all staff): "{DEMO_PASSWORD}"',
            "Code (staff):         make code EMAIL=programme.admin@example.org",
            "                      or .venv/bin/python manage.py demo_code EMAIL",
            "Member:               on the sign-in page choose 'Members: get a sign-in code by",
            "                      email', then run make code EMAIL=member@example.org, or read",
            f"                      the email in the outbox at {url}messages/outbox/",
            "                      (signed in as the programme admin, in another browser).",
            "No MFA yet:           sign in with the password; the product asks you to set up",
            "                      an authenticator app before anything else.",
            "",
        ]
        self.stdout.write("\n".join(lines))
