"""Right 4 (docs/desk.md, "Contact log, referrals, after the call"): the needs assessment, the
referral to a support service it leads to (the feedback invitation offered after a call is in
desk/services/invitations.py).

- A needs assessment is a new row each time. One that finds needs, with the referral not
  declined, owes the victim a referral within the "referral" time limit (2 working days),
  counted from that assessment (open question 3): a Right 4 task in the queue.
- A referral goes to an active directory service that takes professional referrals and has a
  role mailbox. Where the offence or one of the victim's grounds makes referral opt-in, only
  the victim's explicit consent will do; otherwise "told and did not decline" is enough. The
  consent wording read out is kept with the referral. One open referral per victim and service.
- The referral is sent as the notify message `desk_referral` to the service's mailbox with only
  the details the victim agreed to share, and closes the victim's open Right 4 task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.access import require
from desk import deadlines
from desk.access import may_work_desk
from desk.audit_events import (
    NEEDS_ASSESSED,
    REFERRAL_ACKNOWLEDGED,
    REFERRAL_CREATED,
    REFERRAL_DECLINED,
    REFERRAL_SENT,
    REFERRAL_WITHDRAWN,
)
from desk.models import (
    OPEN_REFERRAL_STATUSES,
    ConsentWording,
    Need,
    NeedsAssessment,
    Referral,
    ReferralBasis,
    ReferralStatus,
    SharedField,
    Task,
    TaskKind,
    TaskStatus,
    Victim,
)
from desk.services.common import closed_days, snapshot, time_limits_on
from directory.models import Referral as HowToGet
from directory.models import Service, ServiceStatus
from lib.rules import RuleBroken
from privacy.audit import audit_record

REFERRAL_LIMIT = "referral"


# Needs assessment ----------------------------------------------------------------------


def open_referral_task(victim: Victim) -> Task | None:
    return (
        Task.objects.filter(victim=victim, kind=TaskKind.REFERRAL, status=TaskStatus.OPEN)
        .order_by("due_at", "pk")
        .first()
    )


def latest_assessment(victim: Victim) -> NeedsAssessment | None:
    return victim.assessments.order_by("-assessed_at", "-pk").first()


@transaction.atomic
def needs_assess(
    *, actor: Any, victim: Victim, needs: list[str], referral_declined: bool, notes: str = ""
) -> NeedsAssessment:
    """Record a needs assessment (a re-assessment is a new row). Needs found and the referral
    not declined: the victim is owed a referral within the "referral" time limit, counted from
    this assessment, unless a referral is already owed (the clock runs from the assessment that
    first found the need). Declined: an owed referral is no longer owed."""
    require(may_work_desk(actor))
    unknown = [need for need in needs if need not in Need.values]
    if unknown:
        raise RuleBroken(_("Select needs from the list"), field="needs")
    now = timezone.now()
    assessment = NeedsAssessment.objects.create(
        victim=victim,
        assessed_at=now,
        assessed_by=actor,
        needs=sorted(set(needs)),
        referral_declined=referral_declined,
        notes=notes.strip(),
    )
    audit_record(
        actor=actor,
        action=NEEDS_ASSESSED,
        obj=victim,
        fields=["needs", "referral_declined"],
    )
    owed = open_referral_task(victim)
    if needs and not referral_declined and owed is None:
        _referral_task_create(victim=victim, at=now)
    elif referral_declined and owed is not None:
        Task.objects.filter(pk=owed.pk).update(
            status=TaskStatus.CANCELLED, cancelled_reason="referral_declined"
        )
    return assessment


def _referral_task_create(*, victim: Victim, at: Any) -> Task | None:
    case = victim.case
    day0 = deadlines.day_zero(at)
    limit = time_limits_on(day0).get(REFERRAL_LIMIT)
    if limit is None:
        return None
    snap = snapshot(victim, case, day0)
    days = limit.working_days(enhanced=snap.enhanced)
    closed = closed_days(day0)
    due = deadlines.due_date(at, days, closed=closed)
    return Task.objects.create(
        kind=TaskKind.REFERRAL,
        obligation=REFERRAL_LIMIT,
        case=case,
        victim=victim,
        time_limit=limit,
        days_used=days,
        due_date=due,
        due_at=deadlines.end_of_day(due),
        closure_moved=bool(closed) and due != deadlines.due_date(at, days),
        **snap.fields(),
    )


# Referrals: what the page needs --------------------------------------------------------


def referable_services() -> QuerySet[Service]:
    """Every service the desk may refer to: active, taking professional referrals, with a
    role mailbox."""
    return (
        Service.objects.filter(
            status=ServiceStatus.ACTIVE,
            referral__in=[HowToGet.PROFESSIONAL, HowToGet.BOTH],
            organisation__active=True,
        )
        .exclude(email="")
        .select_related("organisation")
    )


def services_for(victim: Victim) -> QuerySet[Service]:
    """The services for the victim's borough or all of London; every referable service when
    none covers it."""
    services = referable_services()
    borough_id = victim.case.team.borough_id
    near = services.filter(Q(london_wide=True) | Q(boroughs__id=borough_id)).distinct()
    return near if near.exists() else services


def consent_required(victim: Victim) -> bool:
    """Referral is opt-in for the offence (sexual offences, domestic abuse) or one of the
    victim's grounds (bereaved close relatives)."""
    if victim.case.offence_category.referral_needs_consent:
        return True
    return victim.grounds.filter(ground__referral_needs_consent=True).exists()


def current_consent_wording() -> ConsentWording | None:
    return (
        ConsentWording.objects.filter(active=True, effective_from__lte=timezone.localdate())
        .order_by("-version")
        .first()
    )


def consent_text(wording: ConsentWording | None, *, language: str, service: str) -> str:
    """The wording to read out, in Welsh for a Welsh speaker, with the service's name."""
    if wording is None:
        return ""
    text = wording.text_cy if (language or "").lower().startswith("cy") else wording.text_en
    return text.replace("{service}", service)


def open_referral_to(victim: Victim, service: Service) -> Referral | None:
    return Referral.objects.filter(
        victim=victim, service=service, status__in=OPEN_REFERRAL_STATUSES
    ).first()


class DuplicateReferral(RuleBroken):
    """The victim already has an open referral to this service: `referral` is that one."""

    def __init__(self, referral: Referral) -> None:
        super().__init__(
            _("This victim already has an open referral to %(service)s")
            % {"service": referral.service.name},
            field="service",
            code="duplicate_referral",
        )
        self.referral = referral


# Referrals: the message ----------------------------------------------------------------


def _language_text(victim: Victim) -> str:
    from directory.labels import language_name

    language = language_name(victim.language) or victim.language
    if victim.interpreter_language:
        interpreter = language_name(victim.interpreter_language) or victim.interpreter_language
        return _("%(language)s (needs an interpreter: %(interpreter)s)") % {
            "language": language,
            "interpreter": interpreter,
        }
    return language


def _contact_lines(victim: Victim) -> list[str]:
    contact = getattr(victim, "safe_contact", None)
    lines = []
    if contact is not None and contact.phone and (contact.may_phone or contact.may_text):
        ways = [
            str(label)
            for allowed, label in ((contact.may_phone, _("calls")), (contact.may_text, _("texts")))
            if allowed
        ]
        lines.append(
            _("Safe phone number: %(phone)s (%(ways)s)")
            % {"phone": contact.phone, "ways": _(" and ").join(ways)}
        )
    if contact is not None and contact.email and contact.may_email:
        lines.append(_("Safe email address: %(email)s") % {"email": contact.email})
    return lines


def referral_details(referral: Referral, language: str = "en") -> str:
    """The lines of the message: only the fields the victim agreed to share."""
    from safecontact.rules import safe_windows_text

    victim = referral.victim
    shared = set(referral.shared)
    lines: list[str] = []
    with translation.override(language):
        if SharedField.NAME in shared:
            lines.append(_("Name: %(name)s") % {"name": victim.full_name})
        if SharedField.CONTACT in shared:
            lines += _contact_lines(victim)
        if SharedField.OFFENCE in shared:
            lines.append(
                _("Kind of offence: %(offence)s") % {"offence": victim.case.offence_category.name}
            )
        if SharedField.NEEDS in shared:
            assessment = referral.assessment or latest_assessment(victim)
            needs = [str(Need(code).label) for code in (assessment.needs if assessment else [])]
            lines.append(_("Needs: %(needs)s") % {"needs": "; ".join(needs) or _("none recorded")})
        if SharedField.LANGUAGE in shared:
            lines.append(_("Language: %(language)s") % {"language": _language_text(victim)})
        if SharedField.SAFE_TIMES in shared:
            contact = getattr(victim, "safe_contact", None)
            lines.append(
                _("Safe times to contact: %(times)s") % {"times": safe_windows_text(contact)}
            )
    return "\n".join(lines)


def referral_reference(referral: Referral) -> str:
    return f"Desk referral {referral.pk}"


# Referrals: writes ---------------------------------------------------------------------


@dataclass
class ReferralIn:
    service: Service
    basis: str
    consent_read: bool
    shared: list[str]
    late_reason: str = ""
    late_note: str = ""


def _check(victim: Victim, data: ReferralIn) -> None:
    if not referable_services().filter(pk=data.service.pk).exists():
        raise RuleBroken(
            _("This service does not take referrals from the desk"),
            field="service",
            code="service_not_referable",
        )
    if data.basis not in ReferralBasis.values:
        raise RuleBroken(_("Select how the victim agreed"), field="basis", code="basis_required")
    if data.basis != ReferralBasis.EXPLICIT_CONSENT and consent_required(victim):
        raise RuleBroken(
            _(
                "For this victim a referral needs their explicit consent: read them the "
                "words below and ask if they agree"
            ),
            field="basis",
            code="consent_required",
        )
    if data.basis == ReferralBasis.EXPLICIT_CONSENT and not data.consent_read:
        raise RuleBroken(
            _("Confirm that you read the words to the victim and they agreed"),
            field="consent_read",
            code="consent_not_confirmed",
        )
    unknown = set(data.shared) - set(SharedField.values)
    if unknown:
        raise RuleBroken(_("Select what may be shared from the list"), field="shared")
    if SharedField.CONTACT not in data.shared:
        raise RuleBroken(
            _("Share a safe way to contact the victim, so that the service can reach them"),
            field="shared",
            code="contact_required",
        )
    if not _contact_lines(victim):
        raise RuleBroken(
            _(
                "There is no safe phone number or email address for this victim. Add one to "
                "their safe contact details first."
            ),
            field="shared",
            code="no_safe_contact",
        )


@transaction.atomic
def referral_create(*, actor: Any, victim: Victim, data: ReferralIn) -> Referral:
    """Make the referral, send it to the service's mailbox (queued when this commits) and close
    the victim's open Right 4 task. RuleBroken (nothing kept) when the rules refuse it;
    DuplicateReferral when one to the same service is open."""
    require(may_work_desk(actor))
    _check(victim, data)
    existing = open_referral_to(victim, data.service)
    if existing is not None:
        raise DuplicateReferral(existing)
    now = timezone.now()
    wording = current_consent_wording()
    explicit = data.basis == ReferralBasis.EXPLICIT_CONSENT
    task = open_referral_task(victim)
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                victim=victim,
                service=data.service,
                assessment=latest_assessment(victim),
                basis=data.basis,
                consent_wording=wording,
                consent_at=now if explicit else None,
                consent_recorded_by=actor,
                shared=[code for code in SharedField.values if code in set(data.shared)],
                status=ReferralStatus.DRAFT,
                due_at=task.due_at if task is not None else None,
                created_at=now,
            )
    except IntegrityError:
        existing = open_referral_to(victim, data.service)
        if existing is None:
            raise
        raise DuplicateReferral(existing) from None
    audit_record(
        actor=actor,
        action=REFERRAL_CREATED,
        obj=referral,
        fields=["service", "basis", "consent_wording", "shared"],
        note=f"basis={referral.basis}",
    )
    _send(actor=actor, referral=referral)
    if task is not None:
        from desk.services.tasks import task_close

        task_close(actor=actor, task=task, late_reason=data.late_reason, late_note=data.late_note)
        Task.objects.filter(pk=task.pk).update(referral=referral)
    return referral


def _send(*, actor: Any, referral: Referral) -> None:
    from notify.services import message_send

    service = referral.service
    message = message_send(
        template="desk_referral",
        to_email=service.email,
        personalisation={
            "service": service.name,
            "reference": referral_reference(referral),
            "details": referral_details(referral, "en"),
        },
        language="en",
    )
    referral.message = message
    referral.status = ReferralStatus.SENT
    referral.sent_at = timezone.now()
    referral.save(update_fields=["message", "status", "sent_at"])
    audit_record(actor=actor, action=REFERRAL_SENT, obj=referral, fields=["status"])


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def referral_acknowledge(*, actor: Any, referral: Referral) -> Referral:
    """The service said it received the referral."""
    require(may_work_desk(actor))
    fresh = _locked(referral)
    if fresh.status != ReferralStatus.SENT:
        raise RuleBroken(_("Only a sent referral can be acknowledged"), code="not_sent")
    fresh.status = ReferralStatus.ACKNOWLEDGED
    fresh.acknowledged_at = timezone.now()
    fresh.save(update_fields=["status", "acknowledged_at"])
    audit_record(actor=actor, action=REFERRAL_ACKNOWLEDGED, obj=fresh, fields=["status"])
    return fresh


@transaction.atomic
def referral_decline(*, actor: Any, referral: Referral, reason: str) -> Referral:
    """The service said it cannot help, and why."""
    require(may_work_desk(actor))
    if not reason.strip():
        raise RuleBroken(
            _("Say why the service declined the referral"), field="reason", code="reason_required"
        )
    fresh = _locked(referral)
    if fresh.status not in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED):
        raise RuleBroken(_("This referral is no longer open"), code="not_open")
    fresh.status = ReferralStatus.DECLINED
    fresh.declined_at = timezone.now()
    fresh.decline_reason = reason.strip()[:200]
    fresh.save(update_fields=["status", "declined_at", "decline_reason"])
    audit_record(actor=actor, action=REFERRAL_DECLINED, obj=fresh, fields=["status"])
    return fresh


@transaction.atomic
def referral_withdraw(*, actor: Any, referral: Referral) -> Referral:
    """The victim withdrew their consent: the referral stops."""
    require(may_work_desk(actor))
    fresh = _locked(referral)
    if not fresh.is_open:
        raise RuleBroken(_("This referral is no longer open"), code="not_open")
    fresh.status = ReferralStatus.WITHDRAWN
    fresh.withdrawn_at = timezone.now()
    fresh.save(update_fields=["status", "withdrawn_at"])
    audit_record(actor=actor, action=REFERRAL_WITHDRAWN, obj=fresh, fields=["status"])
    return fresh
