"""Writes for the public side of recruitment: application_submit, the receipt sent with it,
and the link to withdraw that the receipt carries."""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from lib.rules import RuleBroken
from lib.text import text_clean
from notify.services import message_send
from recruitment.models import EQUALITY_FIELDS, Application, Cohort, Stage, reference_generate
from recruitment.services.common import sms_number
from safecontact.services import safe_contact_create_for_application

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 10
WITHDRAW_TOKEN_SALT = "recruitment.application.withdraw"  # noqa: S105 — an HMAC salt


# The link to withdraw --------------------------------------------------------------------
# Sent with the receipt: /apply/withdraw/<16 random characters>.<16-character signature>,
# as feedback invitations are. No name, reference or id; only the token's SHA-256 is kept
# (Application.withdraw_token_hash), and it is cleared when the application is withdrawn,
# so the link works once.


def _withdraw_signature(random_part: str) -> str:
    digest = salted_hmac(WITHDRAW_TOKEN_SALT, random_part, algorithm="sha256").digest()[:12]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def withdraw_token_make() -> str:
    random_part = secrets.token_urlsafe(12)
    return f"{random_part}.{_withdraw_signature(random_part)}"


def withdraw_token_hash(token: str) -> str:
    """The SHA-256 to look the token up by, or "" when it is not one of ours."""
    random_part, dot, signature = token.partition(".")
    if not (
        dot and random_part and constant_time_compare(signature, _withdraw_signature(random_part))
    ):
        return ""
    return hashlib.sha256(token.encode()).hexdigest()


def withdraw_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("recruitment_public:withdraw", args=[token])


@dataclass(frozen=True)
class ApplicationAnswers:
    """Everything an applicant answered, cleaned. Equality codes are "" when not asked."""

    cohort_slugs: list[str]
    full_name: str
    pnc_check_consent_at: datetime
    terms_agreed_at: datetime
    privacy_notice_seen_at: datetime
    lives_in_area: bool = False
    works_in_area: bool = False
    studies_in_area: bool = False
    email: str = ""
    phone: str = ""
    # Which ways of contacting them are safe, and when not to (their safe contact).
    may_email: bool = False
    may_text: bool = False
    may_phone: bool = False
    may_voicemail: bool = False
    times_to_avoid: str = ""
    access_needs: str = ""
    equality_answered: bool = False
    equality: dict[str, str] = field(default_factory=dict)


def _check(answers: ApplicationAnswers) -> list[Cohort]:
    """The cohorts chosen, or RuleBroken: the answers break a rule the journey should have
    enforced."""
    if not text_clean(answers.full_name):
        raise RuleBroken("A name is needed.")
    if not (answers.email or answers.phone):
        raise RuleBroken("An email address or a phone number is needed.")
    if not (answers.lives_in_area or answers.works_in_area or answers.studies_in_area):
        raise RuleBroken("Applicants live, work or study in the area.")
    if not (
        answers.pnc_check_consent_at and answers.terms_agreed_at and answers.privacy_notice_seen_at
    ):
        raise RuleBroken("Consent, agreement and the privacy notice come first.")
    unknown = set(answers.equality) - set(EQUALITY_FIELDS)
    if unknown:
        raise RuleBroken(f"Not equality questions: {', '.join(sorted(unknown))}.")
    cohorts = list(Cohort.objects.filter(slug__in=answers.cohort_slugs, active=True))
    if not cohorts or len(cohorts) != len(set(answers.cohort_slugs)):
        raise RuleBroken("Choose forums that are open for applications.")
    return cohorts


def application_submit(*, answers: ApplicationAnswers, language: str = "en") -> Application:
    """Store a new application at the "received" stage with its safe contact (the ways they
    said are safe) and send the applicant a confirmation by their safe channel (email if
    safe, else a text; none if neither)."""
    cohorts = _check(answers)
    now = timezone.now()
    token = withdraw_token_make()
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    reference=reference_generate(),
                    stage=Stage.RECEIVED,
                    stage_changed_at=now,
                    submitted_at=now,
                    language=language,
                    withdraw_token_hash=withdraw_token_hash(token),
                    lives_in_area=answers.lives_in_area,
                    works_in_area=answers.works_in_area,
                    studies_in_area=answers.studies_in_area,
                    full_name=text_clean(answers.full_name),
                    email=answers.email.strip(),
                    phone=answers.phone.strip(),
                    access_needs=answers.access_needs,
                    equality_answered=answers.equality_answered,
                    pnc_check_consent_at=answers.pnc_check_consent_at,
                    terms_agreed_at=answers.terms_agreed_at,
                    privacy_notice_seen_at=answers.privacy_notice_seen_at,
                    **{name: value for name, value in answers.equality.items() if value},
                )
                application.cohorts.set(cohorts)
                safe_contact_create_for_application(
                    application=application,
                    may_email=answers.may_email and bool(answers.email),
                    may_text=answers.may_text and bool(answers.phone),
                    may_phone=answers.may_phone and bool(answers.phone),
                    may_voicemail=answers.may_voicemail and bool(answers.phone),
                    times_to_avoid=answers.times_to_avoid,
                )
                application_received_send(application=application, withdraw_token=token)
        except IntegrityError:
            # The random reference was taken (about 1 in 240 million): draw another.
            logger.warning("Application reference collision, attempt %s.", attempt + 1)
            continue
        return application
    raise RuntimeError("Could not find a free application reference.")


def application_received_send(*, application: Application, withdraw_token: str) -> None:
    """Confirm receipt by the applicant's safe channel, with the link to withdraw (inside
    the caller's transaction, so nothing is sent if the application is not stored)."""
    channel = application.safe_channel
    if not channel:
        return
    message_send(
        template="application_received",
        to_email=application.email if channel == "email" else None,
        to_phone=sms_number(application.phone) if channel == "sms" else None,
        personalisation={
            "reference": application.reference,
            "withdraw_link": withdraw_link(withdraw_token),
        },
        language=application.language,
    )
