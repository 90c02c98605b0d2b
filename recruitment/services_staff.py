"""Writes for the programme team and the vetting panel: every move of an application.

Each service checks its rule (recruitment.rules), changes the application, writes the
audit event and queues the applicant's message by their safe channel, all in one
transaction. Audit notes name stages and steps, never answers, and never anything about
a police check's result. See docs/vetting.md.

The PNC check and the panel's views are deleted in the same transaction as the decision
(panel_decision_record, pnc_result_record for "no trace", application_withdraw): what
remains is a VettingResult and a RetentionReceipt for the rule "pnc_deleted_at_decision".
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from accounts.roles import Role
from notify.services import message_send
from privacy.audit import audit_record
from privacy.models import AuditAction, RetentionReceipt
from recruitment import rules
from recruitment.models import (
    Application,
    Membership,
    OnboardingConversation,
    Outcome,
    PanelView,
    PanelVote,
    PncCheck,
    PncResult,
    Readiness,
    Stage,
    VettingOutcome,
    VettingResult,
)
from recruitment.retention import WITHDRAWN_DAYS
from recruitment.services import sms_number

PNC_DELETION_RULE = "pnc_deleted_at_decision"
PNC_DELETION_CATEGORY = "Police National Computer check results"
TENURE_YEARS = 2


def _applicant_date(application: Application, value: date) -> str:
    with translation.override(application.language or "en"):
        return date_format(value, "j F Y")


def applicant_tell(
    *, application: Application, template: str, personalisation: dict[str, str] | None = None
) -> bool:
    """Queue `template` to the applicant by their safe channel. False when no channel is
    safe for an automatic message (phone only): the page says to tell them by phone."""
    channel = application.safe_channel
    if not channel:
        return False
    message_send(
        template=template,
        to_email=application.email if channel == "email" else None,
        to_phone=sms_number(application.phone) if channel == "sms" else None,
        personalisation=personalisation
        if personalisation is not None
        else {"reference": application.reference},
        language=application.language,
    )
    return True


def _move(
    application: Application,
    *,
    actor: User | None,
    stage: str | None = None,
    outcome: str | None = None,
    note: str,
    fields: tuple[str, ...] = (),
    decided: bool = False,
) -> None:
    now = timezone.now()
    changed = ["updated_at"]
    if stage is not None and stage != application.stage:
        application.stage = stage
        application.stage_changed_at = now
        changed += ["stage", "stage_changed_at"]
    if outcome is not None:
        application.outcome = outcome
        changed.append("outcome")
    if decided:
        application.decided_at = now
        changed.append("decided_at")
    application.save(update_fields=changed)
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_CHANGED,
        obj=application,
        fields=[*changed[1:], *fields],
        note=note,
    )


def _locked(application: Application) -> Application:
    """The application re-read under a row lock, so two people cannot move it at once."""
    return Application.objects.select_for_update().get(pk=application.pk)


# Screening and onboarding ----------------------------------------------------------------


@transaction.atomic
def application_screening_start(*, actor: User, application: Application) -> Application:
    application = _locked(application)
    rules.check_screening_start(actor=actor, application=application)
    _move(application, actor=actor, stage=Stage.SCREENING, note="stage: screening")
    return application


@transaction.atomic
def application_onboarding_invite(*, actor: User, application: Application) -> bool:
    """Screening passed: invite the applicant to an onboarding conversation. Returns
    whether a message was sent (False: tell them by phone)."""
    application = _locked(application)
    rules.check_onboarding_invite(actor=actor, application=application)
    _move(application, actor=actor, stage=Stage.ONBOARDING, note="stage: onboarding")
    return applicant_tell(application=application, template="application_onboarding_invitation")


@transaction.atomic
def onboarding_record(
    *,
    actor: User,
    application: Application,
    held_on: date,
    assessed_by_trained_professional: bool,
    outcome: str,
    readiness_notes: str = "",
    support_needs: str = "",
    get_back_in_touch_on: date | None = None,
) -> OnboardingConversation:
    """Record the onboarding conversation and act on its outcome: ready -> vetting;
    defer -> deferred with a date to get back in touch (not a rejection); not suitable
    now -> not accepted (decided; deleted six months later)."""
    application = _locked(application)
    rules.check_onboarding_record(actor=actor, application=application)
    if not assessed_by_trained_professional:
        raise rules.RuleBroken("A trained professional must assess readiness.")
    if outcome not in Readiness.values:
        raise rules.RuleBroken("Choose an outcome.")
    if outcome == Readiness.DEFER:
        if get_back_in_touch_on is None or get_back_in_touch_on <= timezone.localdate():
            raise rules.RuleBroken("Give a date in the future to get back in touch.")
    else:
        get_back_in_touch_on = None
    OnboardingConversation.objects.filter(application=application).delete()  # after a reopen
    conversation = OnboardingConversation.objects.create(
        application=application,
        held_on=held_on,
        assessed_by_trained_professional=True,
        readiness_notes=readiness_notes.strip(),
        support_needs=support_needs.strip(),
        outcome=outcome,
        get_back_in_touch_on=get_back_in_touch_on,
        recorded_by=actor,
    )
    fields = ("onboarding.held_on", "onboarding.outcome", "onboarding.support_needs")
    if outcome == Readiness.READY:
        _move(application, actor=actor, stage=Stage.VETTING, note="stage: vetting", fields=fields)
        applicant_tell(application=application, template="application_vetting_started")
    elif outcome == Readiness.DEFER:
        assert get_back_in_touch_on is not None
        application.get_back_in_touch_on = get_back_in_touch_on
        application.save(update_fields=["get_back_in_touch_on"])
        _move(
            application,
            actor=actor,
            outcome=Outcome.DEFERRED,
            note="outcome: deferred",
            fields=(*fields, "get_back_in_touch_on"),
        )
        applicant_tell(
            application=application,
            template="application_deferred",
            personalisation={
                "reference": application.reference,
                "date": _applicant_date(application, get_back_in_touch_on),
            },
        )
    else:
        _move(
            application,
            actor=actor,
            stage=Stage.DECIDED,
            outcome=Outcome.NOT_ACCEPTED,
            decided=True,
            note="outcome: not suitable now",
            fields=fields,
        )
        applicant_tell(application=application, template="application_not_suitable_now")
    return conversation


@transaction.atomic
def application_reopen(*, actor: User, application: Application) -> Application:
    """Getting back in touch with a deferred applicant: back to the onboarding stage."""
    application = _locked(application)
    rules.check_reopen(actor=actor, application=application)
    application.get_back_in_touch_on = None
    application.save(update_fields=["get_back_in_touch_on"])
    _move(
        application,
        actor=actor,
        stage=Stage.ONBOARDING,
        outcome="",
        note="reopened: onboarding",
        fields=("get_back_in_touch_on",),
    )
    return application


# The police check ------------------------------------------------------------------------


@transaction.atomic
def pnc_check_request(*, actor: User, application: Application, requested_on: date) -> PncCheck:
    application = _locked(application)
    rules.check_pnc_request(actor=actor, application=application)
    if requested_on > timezone.localdate():
        raise rules.RuleBroken("The date the check was asked for cannot be in the future.")
    check = PncCheck.objects.create(
        application=application, requested_on=requested_on, requested_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_CHANGED,
        obj=application,
        fields=["pnc_check.requested_on"],
        note="PNC check requested",
    )
    return check


def _pnc_delete(application: Application) -> int:
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


def _vetting_complete(application: Application, *, actor: User, accepted: bool) -> None:
    """Record the decision, delete the PNC data, keep only the VettingResult."""
    deleted = _pnc_delete(application)
    VettingResult.objects.update_or_create(
        application=application,
        defaults={
            "completed_on": timezone.localdate(),
            "outcome": VettingOutcome.ACCEPTED if accepted else VettingOutcome.NOT_ACCEPTED,
        },
    )
    _move(
        application,
        actor=actor,
        stage=Stage.DECIDED,
        outcome=Outcome.ACCEPTED if accepted else Outcome.NOT_ACCEPTED,
        decided=True,
        note="stage: decided",
        fields=("vetting_result.completed_on", "vetting_result.outcome"),
    )
    if deleted:
        audit_record(
            actor=actor,
            action=AuditAction.RETENTION_PURGED,
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
    application = _locked(application)
    check = rules.check_pnc_result(actor=actor, application=application)
    if received_on > timezone.localdate() or received_on < check.requested_on:
        raise rules.RuleBroken(
            "The result date must be on or after the date the check was asked for, "
            "and not in the future."
        )
    if result == PncResult.DISCLOSURE and not disclosure_detail.strip():
        raise rules.RuleBroken("Enter what the check disclosed.")
    if result not in PncResult.values:
        raise rules.RuleBroken("Choose the result.")
    fields = ["pnc_check.result", "pnc_check.result_received_on", "pnc_check.disclosure_detail"]
    if result == PncResult.NO_TRACE:
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_CHANGED,
            obj=application,
            fields=fields,
            note="PNC result recorded",
        )
        _vetting_complete(application, actor=actor, accepted=True)
        return application
    check.result = result
    check.result_received_on = received_on
    check.disclosure_detail = disclosure_detail.strip()
    check.result_recorded_by = actor
    check.save()
    _move(application, actor=actor, stage=Stage.PANEL, note="stage: panel", fields=tuple(fields))
    return application


# The panel -------------------------------------------------------------------------------


@transaction.atomic
def panel_view_record(
    *,
    member: User,
    seat: str,
    application: Application,
    conflict_of_interest: bool,
    conflict_detail: str = "",
    vote: str = "",
    reasons: str = "",
) -> PanelView:
    """One member's own view (accept or do not accept) or their conflict of interest.
    A member with a conflict gives no view; their seat waits for another holder."""
    application = _locked(application)
    rules.check_panel_view(member=member, seat=seat, application=application)
    if conflict_of_interest:
        vote, reasons = "", ""
    elif vote not in PanelVote.values:
        raise rules.RuleBroken("Choose accept or do not accept.")
    view = PanelView.objects.create(
        application=application,
        seat=seat,
        member=member,
        conflict_of_interest=conflict_of_interest,
        conflict_detail=conflict_detail.strip() if conflict_of_interest else "",
        vote=vote,
        reasons=reasons.strip(),
    )
    audit_record(
        actor=member,
        action=AuditAction.PERSON_CHANGED,
        obj=application,
        fields=["panel_view.conflict_of_interest" if conflict_of_interest else "panel_view.vote"],
        note=f"panel: {seat} seat",
    )
    return view


def panel_majority(application: Application) -> str:
    """The panel's decision: the view of at least two of the three seats."""
    votes = Counter(
        PanelView.objects.filter(application=application, conflict_of_interest=False).values_list(
            "vote", flat=True
        )
    )
    return PanelVote.ACCEPT if votes[PanelVote.ACCEPT] >= 2 else PanelVote.REFUSE


@transaction.atomic
def panel_decision_record(*, member: User, application: Application) -> str:
    """Record the panel's decision once all three seats have given a view: the majority
    view. In the same transaction the PNC check and every panel view are deleted, a
    receipt is written, and the applicant is told."""
    application = _locked(application)
    rules.check_panel_decision(member=member, application=application)
    decision = panel_majority(application)
    _vetting_complete(application, actor=member, accepted=decision == PanelVote.ACCEPT)
    return decision


# After the decision ----------------------------------------------------------------------


def _member_account(application: Application, actor: User) -> User | None:
    from accounts.services import role_assign

    if not application.email:
        return None
    email = application.email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=application.full_name)
    if not user.has_role(Role.MEMBER):
        role_assign(actor=actor, user=user, role=Role.MEMBER)
    return user


@transaction.atomic
def application_onboard(
    *, actor: User, application: Application, tenure_ends_on: date | None = None
) -> Membership:
    """Make an accepted applicant a member: a member account (when they gave an email
    address), a Membership with its tenure, and a welcome message."""
    application = _locked(application)
    rules.check_onboard(actor=actor, application=application)
    today = timezone.localdate()
    if tenure_ends_on is None:
        tenure_ends_on = (
            today.replace(year=today.year + TENURE_YEARS)
            if not (today.month == 2 and today.day == 29)
            else today + timedelta(days=365 * TENURE_YEARS)
        )
    if tenure_ends_on <= today:
        raise rules.RuleBroken("The tenure must end in the future.")
    user = _member_account(application, actor)
    if user is not None:
        application.user = user
        application.save(update_fields=["user"])
    membership = Membership.objects.create(
        application=application, started_on=today, tenure_ends_on=tenure_ends_on, created_by=actor
    )
    _move(
        application,
        actor=actor,
        stage=Stage.ONBOARDED,
        note="stage: onboarded",
        fields=("user", "membership.tenure_ends_on"),
    )
    applicant_tell(
        application=application,
        template="membership_welcome",
        personalisation={"date": _applicant_date(application, tenure_ends_on)},
    )
    return membership


@transaction.atomic
def membership_tenure_set(*, actor: User, membership: Membership, tenure_ends_on: date) -> None:
    """Change when a member's tenure ends (their data is kept six months after it)."""
    rules.check_manager(actor)
    membership.tenure_ends_on = tenure_ends_on
    membership.save(update_fields=["tenure_ends_on"])
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_CHANGED,
        obj=membership.application,
        fields=["membership.tenure_ends_on"],
        note="tenure changed",
    )


def _withdraw(application: Application, *, actor: User | None, note: str) -> bool:
    """Any PNC check is deleted at once (no assessment will be made); the rest goes under
    recruitment.withdrawn_applications. The link to withdraw stops working."""
    deleted = _pnc_delete(application)
    application.withdraw_token_hash = ""
    application.save(update_fields=["withdraw_token_hash"])
    _move(
        application,
        actor=actor,
        outcome=Outcome.WITHDRAWN,
        decided=True,
        note=note,
        fields=("withdraw_token_hash",),
    )
    if deleted:
        audit_record(
            actor=actor,
            action=AuditAction.RETENTION_PURGED,
            obj=application,
            fields=["pnc_check"],
            note=f"{PNC_DELETION_RULE}: police check deleted when the application was withdrawn",
        )
    return applicant_tell(
        application=application,
        template="application_withdrawn",
        personalisation={"reference": application.reference, "days": str(WITHDRAWN_DAYS)},
    )


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> bool:
    """The applicant asked the programme team to withdraw. Returns whether a message went."""
    application = _locked(application)
    rules.check_withdraw(actor=actor, application=application)
    return _withdraw(application, actor=actor, note="outcome: withdrawn (asked the team)")


@transaction.atomic
def application_withdraw_by_applicant(*, application: Application) -> bool:
    """The applicant withdrew with the link in their receipt (no actor: nobody signed in)."""
    application = _locked(application)
    rules.check_applicant_withdraw(application=application)
    return _withdraw(application, actor=None, note="outcome: withdrawn by the applicant (link)")
