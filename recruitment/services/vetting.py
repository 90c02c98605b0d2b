"""Writes for the police check (PNC): asking for it, recording its result, and completing
vetting. The PNC check and the panel's views are deleted in the same transaction as the
decision (vetting_complete, and pnc_result_record for "no trace"; a withdrawal deletes them
too): what remains is a VettingResult and a RetentionReceipt for the rule
"pnc_deleted_at_decision". Audit notes never say anything about a check's result.
See docs/vetting.md."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from lib.rules import RuleBroken
from privacy.audit import audit_record
from privacy.models import RetentionReceipt
from recruitment import audit_events as events
from recruitment import rules
from recruitment.models import (
    Application,
    Outcome,
    PanelView,
    PncCheck,
    PncResult,
    Stage,
    VettingOutcome,
    VettingResult,
)
from recruitment.services.common import applicant_tell, application_locked, application_move

PNC_DELETION_RULE = "pnc_deleted_at_decision"
PNC_DELETION_CATEGORY = "Police National Computer check results"


@transaction.atomic
def pnc_check_request(*, actor: User, application: Application, requested_on: date) -> PncCheck:
    application = application_locked(application)
    rules.check_pnc_request(actor=actor, application=application)
    if requested_on > timezone.localdate():
        raise RuleBroken("The date the check was asked for cannot be in the future.")
    check = PncCheck.objects.create(
        application=application, requested_on=requested_on, requested_by=actor
    )
    audit_record(
        actor=actor,
        action=events.PNC_CHECK_REQUESTED,
        obj=application,
        fields=["pnc_check.requested_on"],
        note="PNC check requested",
    )
    return check


def pnc_delete(application: Application) -> int:
    """Delete the PNC check and every panel view of `application`, and write the receipt.
    Runs inside the caller's transaction. Returns the number of PNC checks deleted."""
    now = timezone.now()
    deleted, _ = PncCheck.objects.filter(application=application).delete()
    PanelView.objects.filter(application=application).delete()
    if deleted:
        RetentionReceipt.objects.create(
            run_id=uuid.uuid4(),
            rule=PNC_DELETION_RULE,
            category=PNC_DELETION_CATEGORY,
            action="delete",
            count=deleted,
            started_at=now,
            finished_at=now,
            completed=True,
        )
    return deleted


def vetting_complete(application: Application, *, actor: User, accepted: bool) -> None:
    """Record the decision, delete the PNC data, keep only the VettingResult."""
    deleted = pnc_delete(application)
    VettingResult.objects.update_or_create(
        application=application,
        defaults={
            "completed_on": timezone.localdate(),
            "outcome": VettingOutcome.ACCEPTED if accepted else VettingOutcome.NOT_ACCEPTED,
        },
    )
    application_move(
        application,
        actor=actor,
        event=events.APPLICATION_DECIDED,
        stage=Stage.DECIDED,
        outcome=Outcome.ACCEPTED if accepted else Outcome.NOT_ACCEPTED,
        decided=True,
        note="stage: decided",
        fields=("vetting_result.completed_on", "vetting_result.outcome"),
    )
    if deleted:
        audit_record(
            actor=actor,
            action=events.PNC_CHECK_DELETED,
            obj=application,
            fields=["pnc_check"],
            note=f"{PNC_DELETION_RULE}: police check deleted when the decision was made",
        )
    applicant_tell(
        application=application,
        template="application_accepted" if accepted else "application_not_accepted",
    )


@transaction.atomic
def pnc_result_record(
    *,
    actor: User,
    application: Application,
    result: str,
    received_on: date,
    disclosure_detail: str = "",
) -> Application:
    """Record the result. "No trace": the assessment is made, so the application is
    accepted and the check deleted at once. "Disclosure": it goes to the panel, and only
    the three panel members can read the detail."""
    application = application_locked(application)
    check = rules.check_pnc_result(actor=actor, application=application)
    if received_on > timezone.localdate() or received_on < check.requested_on:
        raise RuleBroken(
            "The result date must be on or after the date the check was asked for, "
            "and not in the future."
        )
    if result == PncResult.DISCLOSURE and not disclosure_detail.strip():
        raise RuleBroken("Enter what the check disclosed.")
    if result not in PncResult.values:
        raise RuleBroken("Choose the result.")
    fields = ["pnc_check.result", "pnc_check.result_received_on", "pnc_check.disclosure_detail"]
    if result == PncResult.NO_TRACE:
        audit_record(
            actor=actor,
            action=events.PNC_RESULT_RECORDED,
            obj=application,
            fields=fields,
            note="PNC result recorded",
        )
        vetting_complete(application, actor=actor, accepted=True)
        return application
    check.result = result
    check.result_received_on = received_on
    check.disclosure_detail = disclosure_detail.strip()
    check.result_recorded_by = actor
    check.save()
    application_move(
        application,
        actor=actor,
        event=events.PNC_RESULT_RECORDED,
        stage=Stage.PANEL,
        note="stage: panel",
        fields=tuple(fields),
    )
    return application
