"""Print the current sign-in code of a demo person.

Staff: the current code of their authenticator app, computed from the fixed demo secret.
Members: the latest sign-in code sent to them, read from the local outbox.
Refuses in production and for anyone who is not one of the demo people.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from victimvoice.personas import PERSONAS


def current_totp_code(user: Any) -> str | None:
    """The code the person's authenticator app shows now, or None without one."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    secret = get_adapter().decrypt(authenticator.data["secret"])
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def latest_outbox_code(email: str) -> str | None:
    """The code in the latest sign-in code message sent to `email` (kept 7 days)."""
    import re

    from notify.selectors import message_list_to

    message = message_list_to(recipient=email, template="sign_in_code").first()
    if message is None:
        return None
    # allauth's codes look like "ABCD-EFGH" (ACCOUNT_LOGIN_BY_CODE_FORMAT); the message
    # puts the code on a line of its own.
    match = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE)
    return match.group(1) if match else None


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo person (never in production)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "email", help="the demo person's email, e.g. programme.admin@example.org"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_code never runs in production.")
        from accounts.models import User

        email = options["email"].strip().lower()
        persona = next((p for p in PERSONAS if p.email == email), None)
        if persona is None:
            raise CommandError("That is not one of the demo people (see manage.py demo_personas).")
        user = User.objects.filter(email=persona.email).first()
        if user is None:
            raise CommandError("The demo people do not exist yet: run manage.py seed_demo.")
        code = current_totp_code(user)
        if code is not None:
            self.stdout.write(code)
            return
        if persona.role == "member":
            code = latest_outbox_code(persona.email)
            if code is None:
                raise CommandError(
                    "No sign-in code yet: on the sign-in page choose 'Members: get a sign-in "
                    "code by email', then run this again."
                )
            self.stdout.write(code)
            return
        raise CommandError(
            "This person has no authenticator app yet: sign in with the password and set one up."
        )
