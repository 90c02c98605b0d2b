"""Partner requests with a set timeframe (docs/engagement.md, "Partner requests").

A partner agency asks to hear from the register: what they want to learn, the kind of
opportunity, how many people, the dates and the material. The Terms of Reference in force
on the day it is sent set the least notice it must give (`engagement.rules.check_notice`)
and the working day the programme team decides by. The team approves, asks for changes or
declines with a reason; the partner is told by email each time. Nobody is contacted before
approval: approval makes a draft opportunity (`opportunity_from_request`), which the team
completes and opens on the opportunity pages before any invitation goes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.access import require
from engagement import rules
from engagement.access import may_request_engagement, may_run_register, request_list_for
from engagement.audit_events import (
    OPPORTUNITY_FROM_REQUEST,
    REQUEST_DECIDED,
    REQUEST_FIELDS,
    REQUEST_RESUBMITTED,
    REQUEST_SUBMITTED,
    REQUEST_WITHDRAWN,
)
from engagement.models import Kind, Opportunity, OpportunityStatus, PartnerRequest, RequestStatus
from engagement.services.terms import terms_on
from lib.rules import RuleBroken
from privacy.audit import audit_record

LONDON = ZoneInfo("Europe/London")

# How long an opportunity made from a request takes, until the team says otherwise.
DEFAULT_DURATION_MINUTES = 30


class Decision:
    APPROVE = "approve"
    CHANGES = "changes"
    DECLINE = "decline"

    STATUS = {
        APPROVE: RequestStatus.APPROVED,
        CHANGES: RequestStatus.CHANGES_REQUESTED,
        DECLINE: RequestStatus.DECLINED,
    }


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _check_answers(
    *,
    title: str,
    what_to_learn: str,
    kind: str,
    people_wanted: int,
    starts_on: date,
    ends_on: date,
    material_description: str,
    today: date,
    terms: Any,
) -> None:
    if not title.strip():
        raise RuleBroken(_("Enter a title for the request"), field="title", code="required")
    if not what_to_learn.strip():
        raise RuleBroken(_("Say what you want to learn"), field="what_to_learn", code="required")
    if kind not in Kind.values:
        raise RuleBroken(_("Select the kind of opportunity"), field="kind", code="kind")
    if not material_description.strip():
        raise RuleBroken(
            _("Describe what people would be asked to read, watch or do"),
            field="material_description",
            code="required",
        )
    rules.check_people_wanted(people_wanted)
    rules.check_notice(starts_on=starts_on, ends_on=ends_on, submitted_on=today, terms=terms)


def _store_material(request: PartnerRequest, upload: UploadedFile) -> None:
    """Keep the file under MEDIA_ROOT/engagement/requests/ with a name of our own (never
    the uploaded name, which may say who made it). Not served by any public URL: the
    request page's checked view sends it to the team and the partner's organisation."""
    rules.check_material(upload.name or "", _head(upload), upload.size or 0)
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    request.material.save(f"request-material{suffix}", upload, save=False)


def _forget_file_on_commit(name: str) -> None:
    if name:
        from django.core.files.storage import default_storage

        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def request_submit(
    *,
    actor: Any,
    title: str,
    what_to_learn: str,
    kind: str,
    people_wanted: int,
    starts_on: date,
    ends_on: date,
    material_description: str,
    material: UploadedFile | None = None,
) -> PartnerRequest:
    """Send a request for the actor's organisation. It must give the least notice of the
    Terms in force today; the team decides by `decide_by` (the Terms' working days)."""
    require(may_request_engagement(actor))
    today = timezone.localdate()
    terms = terms_on(today)
    _check_answers(
        title=title,
        what_to_learn=what_to_learn,
        kind=kind,
        people_wanted=people_wanted,
        starts_on=starts_on,
        ends_on=ends_on,
        material_description=material_description,
        today=today,
        terms=terms,
    )
    request = PartnerRequest(
        organisation_id=actor.organisation_id,
        submitted_by=actor,
        title=title.strip(),
        what_to_learn=what_to_learn.strip(),
        kind=kind,
        people_wanted=people_wanted,
        starts_on=starts_on,
        ends_on=ends_on,
        material_description=material_description.strip(),
        status=RequestStatus.SUBMITTED,
        terms=terms,
        submitted_at=timezone.now(),
        decide_by=rules.decision_due(today, terms),
    )
    if material is not None:
        _store_material(request, material)
    request.save()
    fields = [f for f in REQUEST_FIELDS if f != "material" or material is not None]
    audit_record(
        actor=actor,
        action=REQUEST_SUBMITTED,
        obj=request,
        fields=[*fields, "status", "terms", "decide_by"],
    )
    return request


def _own_request_locked(actor: Any, request: PartnerRequest) -> PartnerRequest:
    """The request again, locked, if it is the actor's organisation's (PermissionDenied
    otherwise: the same decision as engagement.access.request_list_for)."""
    require(may_request_engagement(actor))
    locked = request_list_for(actor).select_for_update().filter(pk=request.pk).first()
    require(locked is not None)
    assert locked is not None
    return locked


@transaction.atomic
def request_resubmit(
    *,
    actor: Any,
    request: PartnerRequest,
    title: str,
    what_to_learn: str,
    kind: str,
    people_wanted: int,
    starts_on: date,
    ends_on: date,
    material_description: str,
    material: UploadedFile | None = None,
    remove_material: bool = False,
) -> PartnerRequest:
    """Change a request the team asked changes for and send it again: it is held to the
    Terms in force today and gets a new `decide_by`. The team's last words stay on it."""
    locked = _own_request_locked(actor, request)
    rules.check_resubmit(locked)
    today = timezone.localdate()
    terms = terms_on(today)
    _check_answers(
        title=title,
        what_to_learn=what_to_learn,
        kind=kind,
        people_wanted=people_wanted,
        starts_on=starts_on,
        ends_on=ends_on,
        material_description=material_description,
        today=today,
        terms=terms,
    )
    new = {
        "title": title.strip(),
        "what_to_learn": what_to_learn.strip(),
        "kind": kind,
        "people_wanted": people_wanted,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "material_description": material_description.strip(),
    }
    changed = [name for name, value in new.items() if getattr(locked, name) != value]
    for name, value in new.items():
        setattr(locked, name, value)
    old_file = locked.material.name if locked.material else ""
    if material is not None:
        _store_material(locked, material)
        _forget_file_on_commit(old_file)
        changed.append("material")
    elif remove_material and old_file:
        locked.material = ""  # type: ignore[assignment]
        _forget_file_on_commit(old_file)
        changed.append("material")
    locked.status = RequestStatus.SUBMITTED
    locked.terms = terms
    locked.submitted_at = timezone.now()
    locked.decide_by = rules.decision_due(today, terms)
    locked.save()
    audit_record(
        actor=actor,
        action=REQUEST_RESUBMITTED,
        obj=locked,
        fields=[*changed, "status", "terms", "decide_by"],
    )
    return locked


@transaction.atomic
def request_withdraw(*, actor: Any, request: PartnerRequest) -> PartnerRequest:
    """The partner takes back a request that has not been approved or declined."""
    locked = _own_request_locked(actor, request)
    rules.check_withdraw(locked)
    locked.status = RequestStatus.WITHDRAWN
    locked.save(update_fields=["status"])
    audit_record(actor=actor, action=REQUEST_WITHDRAWN, obj=locked, fields=["status"])
    return locked


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


@transaction.atomic
def opportunity_from_request(*, actor: Any, request: PartnerRequest) -> Opportunity:
    """The draft opportunity an approved request becomes (the same one if it exists). It
    opens at London midnight on the first date and closes at the London midnight that ends
    the last date. Still a DRAFT: the team completes and opens it before anyone is asked."""
    require(may_run_register(actor))
    locked = PartnerRequest.objects.select_for_update().select_related("organisation")
    request = locked.get(pk=request.pk)
    if request.status != RequestStatus.APPROVED:
        raise RuleBroken(_("Only an approved request becomes an opportunity"), code="not_approved")
    existing = Opportunity.objects.filter(request=request).first()
    if existing is not None:
        return existing
    opportunity = Opportunity.objects.create(
        request=request,
        kind=request.kind,
        status=OpportunityStatus.DRAFT,
        title=request.title,
        asked_by=request.organisation.name,
        places=request.people_wanted,
        opens_at=_london_midnight(request.starts_on),
        closes_at=_london_midnight(request.ends_on + timedelta(days=1)),
        purpose=request.what_to_learn,
        involves=request.material_description,
        duration_minutes=DEFAULT_DURATION_MINUTES,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=OPPORTUNITY_FROM_REQUEST,
        obj=opportunity,
        fields=[
            "request",
            "kind",
            "title",
            "asked_by",
            "places",
            "opens_at",
            "closes_at",
            "purpose",
            "involves",
            "duration_minutes",
        ],
    )
    return opportunity


def _tell_partner(request: PartnerRequest, *, language: str = "en") -> None:
    """Email the person who sent the request (a staff address, never a participant's)
    what was decided. Partners' accounts hold no language, so the email is in English;
    the catalogue's Welsh is there for the day they do."""
    from notify.services import message_send

    person = request.submitted_by
    if person is None or not person.is_active or not person.email:
        return
    with translation.override(language):
        if request.status == RequestStatus.APPROVED:
            reason = _(
                "Nobody has been contacted yet. The programme team will now prepare the "
                "opportunity and tell you when it opens."
            )
        elif request.status == RequestStatus.CHANGES_REQUESTED:
            reason = _(
                "What to change: %(reason)s\n\nChange the request and send it again, or "
                "withdraw it."
            ) % {"reason": request.decision_reason}
        else:
            reason = _("Why: %(reason)s") % {"reason": request.decision_reason}
        outcome = str(RequestStatus(request.status).label).lower()
    message_send(
        template="engagement_request_decided",
        to_email=person.email,
        personalisation={
            "title": request.title,
            "outcome": outcome,
            "reason": reason,
            "link": settings.SITE_URL + reverse("engagement:request", args=[request.pk]),
        },
        language=language,
    )


@transaction.atomic
def request_decide(
    *, actor: Any, request: PartnerRequest, decision: str, reason: str = ""
) -> PartnerRequest:
    """Approve a request, ask for changes or decline it (a reason for the last two, which
    the partner reads). Approval makes the draft opportunity; nobody is contacted. The
    person who sent the request is emailed the decision."""
    require(may_run_register(actor))
    locked = PartnerRequest.objects.select_for_update().get(pk=request.pk)
    rules.check_decide(locked)
    if decision not in Decision.STATUS:
        raise RuleBroken(_("Select a decision"), field="decision", code="decision")
    reason = reason.strip()
    if decision != Decision.APPROVE and not reason:
        raise RuleBroken(
            _("Say what needs to change")
            if decision == Decision.CHANGES
            else _("Say why the request is declined"),
            field="reason",
            code="reason_required",
        )
    locked.status = Decision.STATUS[decision]
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_reason = reason
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    fields = ["status", "decision_reason"] if reason else ["status"]
    if decision == Decision.APPROVE:
        opportunity_from_request(actor=actor, request=locked)
        fields.append("opportunity")
    audit_record(actor=actor, action=REQUEST_DECIDED, obj=locked, fields=fields)
    _tell_partner(locked)
    return locked
