"""Invitations to give feedback, sent by text message or email (docs/feedback-invitations.md).

Staff (desk agents, the programme team, an officer for a person they dealt with) or a
force system through the API (feedback/api.py) ask for an invitation for one contact:

    invitation_create(actor=user, channel="sms", contact="07700 900123", team=team,
                      crime_type=crime, language=welsh, may_contact=True)

It is refused, with nothing sent and nothing kept, when the crime type is sensitive
(domestic abuse, sexual offences) or the person said no to being contacted about feedback.
Otherwise one message goes through notify.services.message_send carrying a link
/i/<token>/. The token is opaque (16 random characters and a 16-character keyed signature,
no name, crime reference or phone number), expires after FEEDBACK_INVITATION_EXPIRY_DAYS
and works once. Only its SHA-256 is kept. The phone number or email address is handed to
Notify (whose copy is deleted after 7 days) and never stored on the invitation itself; the
retention rule "feedback.invitation_contacts" clears any contact older than 7 days all the
same (feedback/retention.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from feedback import audit_events as events
from feedback.models import (
    Channel,
    CrimeType,
    Integration,
    IntegrationScope,
    Invitation,
    Language,
    Team,
)
from lib.rules import RuleBroken
from notify.messages import language_pick
from privacy.audit import audit_record

TOKEN_SALT = "feedback.invitation.token"  # noqa: S105 — an HMAC salt, not a secret
INVITATION_CHANNELS = (Channel.SMS, Channel.EMAIL)
_PHONE = re.compile(r"^\+?\d{10,15}$")


# Refusals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    code: str  # stable, for the API: "sensitive_crime_type"
    message: Any  # plain English (lazily translated) for staff and integrations
    field: str = ""

    def broken(self) -> RuleBroken:
        """The rule error to raise: its message, the form field and the code for the API."""
        return RuleBroken(self.message, field=self.field or None, code=self.code)


SENSITIVE = Refusal(
    "sensitive_crime_type",
    _(
        "We do not send feedback invitations about this type of crime. A message could put "
        "the person at risk if someone else reads it."
    ),
    "crime_type",
)
NO_CONTACT = Refusal(
    "contact_not_permitted",
    _(
        "The person did not agree to be contacted about feedback, so no invitation can be "
        "sent. Nothing has been kept."
    ),
    "may_contact",
)
BAD_PHONE = Refusal(
    "invalid_phone",
    _("Enter a mobile phone number, like 07700 900 982 or +44 7700 900 982"),
    "phone",
)
BAD_EMAIL = Refusal(
    "invalid_email",
    _("Enter an email address in the correct format, like name@example.com"),
    "email",
)
BAD_CHANNEL = Refusal("invalid_channel", _("Choose text message or email"), "channel")
INACTIVE_TEAM = Refusal("inactive_team", _("This team no longer takes feedback"), "team")
NOT_POSTED = Refusal(
    "officer_not_posted",
    _("You are not linked to a team yet. Ask the programme team to add you to your team."),
    "team",
)


class InvitationUnusable(Exception):
    """The link of an invitation cannot be used: `reason` is "invalid", "expired" or "used"."""

    def __init__(self, reason: str, invitation_id: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation_id = invitation_id


# Tokens --------------------------------------------------------------------------------


def _signature(random_part: str) -> str:
    digest = salted_hmac(TOKEN_SALT, random_part, algorithm="sha256").digest()[:12]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_make() -> str:
    """A new opaque token: 16 random URL-safe characters, a dot, a 16-character signature."""
    random_part = secrets.token_urlsafe(12)
    return f"{random_part}.{_signature(random_part)}"


def token_is_signed(token: str) -> bool:
    """True when `token` is one of ours (its signature matches), whether or not it exists."""
    random_part, dot, signature = token.partition(".")
    return bool(dot and random_part) and constant_time_compare(signature, _signature(random_part))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitations:open", kwargs={"token": token})


# Contacts ------------------------------------------------------------------------------


def contact_clean(*, channel: str, contact: str) -> str:
    """The phone number (spaces and dashes removed) or email address, or RuleBroken."""
    if channel == Channel.SMS:
        phone = re.sub(r"[\s().-]", "", contact or "")
        if not _PHONE.match(phone):
            raise BAD_PHONE.broken()
        return phone
    if channel == Channel.EMAIL:
        email = (contact or "").strip()
        try:
            validate_email(email)
        except ValidationError:
            raise BAD_EMAIL.broken() from None
        return email
    raise BAD_CHANNEL.broken()


# Writes --------------------------------------------------------------------------------


def invitation_check(
    *, channel: str, contact: str, team: Team, crime_type: CrimeType | None, may_contact: bool
) -> str:
    """Every refusal rule, in the order staff should hear them. Returns the clean contact."""
    if not may_contact:
        raise NO_CONTACT.broken()
    if crime_type is not None and crime_type.sensitive:
        raise SENSITIVE.broken()
    if channel not in INVITATION_CHANNELS:
        raise BAD_CHANNEL.broken()
    if not team.active:
        raise INACTIVE_TEAM.broken()
    return contact_clean(channel=channel, contact=contact)


def invitation_create(
    *,
    actor: Any = None,
    integration: Integration | None = None,
    channel: str,
    contact: str,
    team: Team,
    officer: Any = None,
    crime_type: CrimeType | None = None,
    language: Language | None = None,
    may_contact: bool,
) -> Invitation:
    """Check, record and send one invitation. Raises RuleBroken (nothing kept)."""
    clean = invitation_check(
        channel=channel, contact=contact, team=team, crime_type=crime_type, may_contact=may_contact
    )
    from notify.services import message_send

    token = token_make()
    now = timezone.now()
    days = settings.FEEDBACK_INVITATION_EXPIRY_DAYS
    with transaction.atomic():
        invitation = Invitation.objects.create(
            token_hash=token_hash(token),
            channel=channel,
            team=team,
            officer=officer,
            crime_type=crime_type,
            language=language,
            contact=clean,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            integration=integration,
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        recipient = {"to_phone": clean} if channel == Channel.SMS else {"to_email": clean}
        message = message_send(
            template="feedback_invitation",
            personalisation={"link": invitation_link(token), "days": str(days)},
            language=language_pick(language.code if language else "en"),
            **recipient,
        )
        # Sent: Notify's copy of the message holds the contact from here (7 days at most).
        invitation.message = message
        invitation.sent_at = now
        invitation.contact = None
        invitation.save(update_fields=["message", "sent_at", "contact"])
        via = f"API integration {integration.pk}" if integration else "staff"
        audit_record(
            actor=actor,
            action=events.INVITATION_SENT,
            obj=invitation,
            fields=["contact", "channel", "team", "officer", "crime_type", "language"],
            note=f"Feedback invitation created and sent by {channel} ({via}).",
        )
    return invitation


def invitation_open(*, token: str) -> Invitation:
    """Open an invitation's link: checks the signature, that it exists, has not expired and
    was not opened before; marks it opened. Raises InvitationUnusable."""
    if not token_is_signed(token):
        raise InvitationUnusable("invalid")
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("team", "language")
            .filter(token_hash=token_hash(token))
            .first()
        )
        if invitation is None:
            raise InvitationUnusable("invalid")
        if invitation.opened_at is not None or invitation.used_at is not None:
            raise InvitationUnusable("used", invitation.pk)
        if invitation.expires_at <= now:
            raise InvitationUnusable("expired")
        # Opened: the link works once. `used_at` is left for the feedback it leads to
        # (feedback.services.response_submit links the response and sets it).
        invitation.opened_at = now
        invitation.save(update_fields=["opened_at"])
    return invitation


# Integrations (API clients) ------------------------------------------------------------


def integration_create(
    *,
    actor: Any,
    name: str,
    organisation: Any,
    scopes: Iterable[str] = (IntegrationScope.INVITATIONS,),
) -> tuple[Integration, str]:
    """A new API integration and its token, shown once; only the token's SHA-256 is kept.
    `scopes` (IntegrationScope codes) say which APIs it may use."""
    chosen = [scope.value for scope in IntegrationScope if scope in set(scopes)]
    if not chosen:
        raise RuleBroken(_("Choose what this integration may do."), field="scopes")
    token = "vvf_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        integration = Integration.objects.create(
            name=name, organisation=organisation, token_hash=token_hash(token), scopes=chosen
        )
        audit_record(
            actor=actor,
            action=events.INTEGRATION_CREATED,
            obj=integration,
            fields=["name", "organisation", "token_hash", "scopes"],
            note="Feedback API integration created.",
        )
    return integration, token


def integration_deactivate(*, actor: Any, integration: Integration) -> None:
    with transaction.atomic():
        integration.active = False
        integration.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action=events.INTEGRATION_DEACTIVATED,
            obj=integration,
            fields=["active"],
            note="Feedback API integration turned off.",
        )


def integration_for_token(token: str, *, scope: str) -> Integration | None:
    """The active integration whose token this is and which has `scope` (and note that it
    was used), or None."""
    if not token:
        return None
    integration = Integration.objects.filter(token_hash=token_hash(token), active=True).first()
    if integration is not None and not integration.has_scope(scope):
        return None
    if integration is not None:
        now = timezone.now()
        if integration.last_used_at is None or now - integration.last_used_at > timedelta(
            minutes=1
        ):
            Integration.objects.filter(pk=integration.pk).update(last_used_at=now)
            integration.last_used_at = now
    return integration
