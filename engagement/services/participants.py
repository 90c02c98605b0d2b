"""Writes for people joining the register: on the website, with a code that confirms the
way to contact them, or from the member portal in one click. Their own changes afterwards
are in services/portal.py.

A sign-up with an email address or phone number already on the register makes nothing new:
the person already on it is told, by their safe channel, and the page says the same to
anyone ("we have sent you a code"), so it never tells a stranger who is on the register.
Each change writes its audit event in the same transaction, naming fields only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from accounts.access import require, require_role
from accounts.models import User
from accounts.roles import Role
from engagement import audit_events as events
from engagement.models import JoinedBy, Participant, ParticipantStatus
from engagement.reference import CONSENT_VERSION, LIST_FIELDS, OPTIONAL_FIELDS
from engagement.services.common import participant_tell, site_link
from engagement.tokens import digest_of, new_code
from lib.rules import RuleBroken
from lib.text import text_clean
from notify.services import message_send
from privacy.audit import audit_record
from recruitment.models import Application, contact_digest
from recruitment.services.common import sms_number
from safecontact.audit_events import CONTACT_FIELDS
from safecontact.models import SafeContact
from safecontact.services import safe_contact_apply

CODE_MINUTES = 30
CODE_ATTEMPTS = 5
CODE_RESEND_SECONDS = 60
CODE_PURPOSE = "code"
CONTACT_DETAILS = ("full_name", "email", "phone")
CHANGEABLE_FIELDS = (*CONTACT_DETAILS, *OPTIONAL_FIELDS)


@dataclass(frozen=True)
class JoinAnswers:
    """What someone gave when signing up, cleaned (engagement.journey). `safe` holds their
    safe contact's fields; `answers` the optional answers they gave (Participant fields)."""

    full_name: str
    consented_at: datetime
    email: str = ""
    phone: str = ""
    safe: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    consent_version: str = CONSENT_VERSION


def empty_answer(name: str) -> Any:
    return [] if name in LIST_FIELDS else ""


def _check_answers(answers: dict[str, Any]) -> None:
    unknown = set(answers) - set(OPTIONAL_FIELDS)
    if unknown:
        raise RuleBroken(f"Not optional answers: {', '.join(sorted(unknown))}.")


def check_contact(full_name: str, email: str, phone: str) -> None:
    if not text_clean(full_name):
        raise RuleBroken(_("Enter your name"), field="full_name")
    if not (email.strip() or phone.strip()):
        raise RuleBroken(
            _("Enter an email address or a mobile phone number, or both"), field="email"
        )


def _same_details(email: str, phone: str) -> Q | None:
    """Who on the register (not left) has this email address or phone number."""
    query = Q()
    if email:
        query |= Q(email_digest=contact_digest("email", email))
    if phone:
        query |= Q(phone_digest=contact_digest("phone", phone))
    return query or None


# Joining on the website ---------------------------------------------------------------------


@transaction.atomic
def participant_join(*, answers: JoinAnswers, language: str = "en") -> Participant | None:
    """Put someone on the register, waiting for the code sent to them now; or, when their
    email address or phone number is already on it, tell that person and return None. An
    unconfirmed sign-up with the same details is replaced by this one."""
    email, phone = answers.email.strip(), answers.phone.strip()
    check_contact(answers.full_name, email, phone)
    _check_answers(answers.answers)
    if not answers.consent_version or not answers.consented_at:
        raise RuleBroken(_("Agree to join the register"), field="agree")
    same = _same_details(email, phone)
    if same is not None:
        # Only the participants are locked: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join to their safe contact.
        for existing in (
            Participant.objects.select_for_update(of=("self",))
            .filter(same)
            .exclude(status=ParticipantStatus.LEFT)
            .select_related("safe_contact")
        ):
            if existing.status == ParticipantStatus.UNVERIFIED:
                audit_record(actor=None, action=events.UNCONFIRMED_REPLACED, obj=existing)
                existing.delete()
                continue
            participant_tell(
                participant=existing,
                template="engagement_join_already",
                personalisation={"link": site_link(reverse("engagement:portal_home"))},
            )
            audit_record(actor=None, action=events.PARTICIPANT_ALREADY_TOLD, obj=existing)
            return None
    given = {name: value for name, value in answers.answers.items() if value}
    participant = Participant.objects.create(
        status=ParticipantStatus.UNVERIFIED,
        joined_by=JoinedBy.PUBLIC,
        language=language or "en",
        full_name=text_clean(answers.full_name),
        email=email,
        phone=phone,
        consent_version=answers.consent_version,
        consented_at=answers.consented_at,
        **given,
    )
    safe_contact_apply(SafeContact(participant=participant), actor=None, fields=answers.safe)
    audit_record(
        actor=None,
        action=events.PARTICIPANT_SIGNED_UP,
        obj=participant,
        fields=[
            *(name for name in CONTACT_DETAILS if getattr(participant, name)),
            *given,
            "language",
            "consent_version",
            "consented_at",
            "safe_contact",
        ],
    )
    _code_send(participant)
    return participant


def code_channel(*, email: str, phone: str, may_email: bool, may_text: bool) -> str:
    """Where the code goes: "email" when they gave an email address, else "sms"; when they
    gave both, a text if that is the one they said is safe and email is not."""
    if email and phone:
        return "sms" if may_text and not may_email else "email"
    return "email" if email else "sms"


def _code_send(participant: Participant) -> str:
    code = new_code()
    participant.code_digest = digest_of(code, purpose=CODE_PURPOSE)
    participant.code_sent_at = timezone.now()
    participant.code_attempts = 0
    participant.save(update_fields=["code_digest", "code_sent_at", "code_attempts"])
    contact: SafeContact | None = getattr(participant, "safe_contact", None)
    channel = code_channel(
        email=participant.email,
        phone=participant.phone,
        may_email=bool(contact and contact.may_email),
        may_text=bool(contact and contact.may_text),
    )
    message_send(
        template="engagement_join_code",
        to_email=participant.email if channel == "email" else None,
        to_phone=sms_number(participant.phone) if channel == "sms" else None,
        personalisation={"code": code},
        language=participant.language or "en",
    )
    audit_record(
        actor=None,
        action=events.PARTICIPANT_CODE_SENT,
        obj=participant,
        fields=["code_digest", "code_sent_at", "code_attempts"],
    )
    return channel


def participant_code_send(*, participant: Participant) -> str:
    """Send a new code to someone still confirming their sign-up (the old one stops
    working); the channel it went by ("email" or "sms"). At most one a minute."""
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.status != ParticipantStatus.UNVERIFIED:
            raise RuleBroken(_("You have already confirmed your code."), code="not_pending")
        if locked.code_sent_at and timezone.now() - locked.code_sent_at < timedelta(
            seconds=CODE_RESEND_SECONDS
        ):
            raise RuleBroken(
                _("We sent you a code less than a minute ago. Wait a minute, then ask again."),
                field="code",
                code="too_soon",
            )
        return _code_send(locked)


def _member_account(participant: Participant) -> User | None:
    """The account someone who joined with an email address signs in to the portal with:
    a new member account, or their own member account. None for staff accounts (staff
    sign in with a password and MFA, never with a code sent here) and closed accounts."""
    from accounts.services import role_assign

    if not participant.email:
        return None
    email = User.objects.normalize_email(participant.email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=participant.full_name)
    elif not user.is_active or user.is_product_staff:
        return None
    # Someone who left and joins again gets their account back from their old place.
    Participant.objects.filter(user=user, status=ParticipantStatus.LEFT).exclude(
        pk=participant.pk
    ).update(user=None)
    if Participant.objects.filter(user=user).exclude(pk=participant.pk).exists():
        return None
    if not user.has_role(Role.MEMBER):
        role_assign(actor=user, user=user, role=Role.MEMBER)
    return user


def participant_verify(*, participant: Participant, code: str) -> User | None:
    """Check the code they were sent. The right one puts them on the register (ACTIVE) and,
    when they gave an email address, gives them a member account to sign in to the portal
    (returned, for the page to sign them in). A wrong code counts against the attempts
    left; RuleBroken says what is wrong (field "code")."""
    wrong = False
    user: User | None = None
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.status != ParticipantStatus.UNVERIFIED:
            raise RuleBroken(_("You have already confirmed your code."), code="not_pending")
        now = timezone.now()
        if (
            not locked.code_digest
            or not locked.code_sent_at
            or now - locked.code_sent_at > timedelta(minutes=CODE_MINUTES)
        ):
            raise RuleBroken(
                _("The code has expired. Ask for a new code."), field="code", code="expired"
            )
        if locked.code_attempts >= CODE_ATTEMPTS:
            raise RuleBroken(
                _("You have entered a wrong code too many times. Ask for a new code."),
                field="code",
                code="too_many",
            )
        if not constant_time_compare(digest_of(code, purpose=CODE_PURPOSE), locked.code_digest):
            locked.code_attempts += 1
            locked.save(update_fields=["code_attempts"])
            wrong = True
        else:
            locked.status = ParticipantStatus.ACTIVE
            locked.verified_at = locked.joined_at = locked.last_active_at = now
            locked.code_digest = ""
            locked.code_attempts = 0
            user = _member_account(locked)
            locked.user = user
            locked.save(
                update_fields=[
                    "status",
                    "verified_at",
                    "joined_at",
                    "last_active_at",
                    "code_digest",
                    "code_attempts",
                    "user",
                ]
            )
            audit_record(
                actor=user,
                action=events.PARTICIPANT_VERIFIED,
                obj=locked,
                fields=["status", "verified_at", "joined_at", *(["user"] if user else [])],
            )
    if wrong:
        left = CODE_ATTEMPTS - locked.code_attempts
        if left <= 0:
            raise RuleBroken(
                _("You have entered a wrong code too many times. Ask for a new code."),
                field="code",
                code="too_many",
            )
        raise RuleBroken(
            _("The code is not right. Check it and try again."), field="code", code="wrong"
        )
    participant.refresh_from_db()
    return user


# Joining from the member portal -------------------------------------------------------------


@transaction.atomic
def participant_join_from_forum(*, actor: User, user: User) -> Participant:
    """A forum member joins the register in one click: their name, email address and phone
    number from their application, a copy of its safe contact, and their consent now."""
    require_role(actor, Role.MEMBER)
    require(actor.pk == user.pk)
    User.objects.select_for_update().filter(pk=user.pk).first()
    if Participant.objects.filter(user=user).exists():
        raise RuleBroken(_("You are already on the engagement register."), code="already")
    application = (
        Application.objects.filter(user=user)
        .select_related("safe_contact")
        .order_by("-submitted_at")
        .first()
    )
    now = timezone.now()
    participant = Participant.objects.create(
        user=user,
        status=ParticipantStatus.ACTIVE,
        joined_by=JoinedBy.FORUM_MEMBER,
        language=(application.language if application else "") or "en",
        full_name=(application.full_name if application else "") or user.full_name,
        email=(application.email if application else "") or user.email,
        phone=(application.phone if application else "") or "",
        verified_at=now,
        joined_at=now,
        last_active_at=now,
        consent_version=CONSENT_VERSION,
        consented_at=now,
    )
    source = getattr(application, "safe_contact", None) if application else None
    copied = {name: getattr(source, name) for name in CONTACT_FIELDS} if source else {}
    safe_contact_apply(SafeContact(participant=participant), actor=actor, fields=copied)
    audit_record(
        actor=actor,
        action=events.PARTICIPANT_JOINED_FROM_FORUM,
        obj=participant,
        fields=[
            *(name for name in CONTACT_DETAILS if getattr(participant, name)),
            "status",
            "user",
            "consent_version",
            "consented_at",
            "safe_contact",
        ],
    )
    return participant
