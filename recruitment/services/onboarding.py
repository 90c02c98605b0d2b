"""Writes for screening and the onboarding conversation: starting screening, inviting the
applicant, recording the conversation's outcome (ready, defer, not suitable now) and
reopening a deferred application. Each checks its rule (recruitment.rules), moves the
application, writes the audit event and tells the applicant, in one transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from lib.rules import RuleBroken
from recruitment import audit_events as events
from recruitment import rules
from recruitment.models import Application, OnboardingConversation, Outcome, Readiness, Stage
from recruitment.services.common import (
    applicant_date,
    applicant_tell,
    application_locked,
    application_move,
)


@transaction.atomic
def application_screening_start(*, actor: User, application: Application) -> Application:
    application = application_locked(application)
    rules.check_screening_start(actor=actor, application=application)
    application_move(
        application,
        actor=actor,
        event=events.SCREENING_STARTED,
        stage=Stage.SCREENING,
        note="stage: screening",
    )
    return application


@transaction.atomic
def application_onboarding_invite(*, actor: User, application: Application) -> bool:
    """Screening passed: invite the applicant to an onboarding conversation. Returns
    whether a message was sent (False: tell them by phone)."""
    application = application_locked(application)
    rules.check_onboarding_invite(actor=actor, application=application)
    application_move(
        application,
        actor=actor,
        event=events.ONBOARDING_INVITED,
        stage=Stage.ONBOARDING,
        note="stage: onboarding",
    )
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
    application = application_locked(application)
    rules.check_onboarding_record(actor=actor, application=application)
    if not assessed_by_trained_professional:
        raise RuleBroken("A trained professional must assess readiness.")
    if outcome not in Readiness.values:
        raise RuleBroken("Choose an outcome.")
    if outcome == Readiness.DEFER:
        if get_back_in_touch_on is None or get_back_in_touch_on <= timezone.localdate():
            raise RuleBroken("Give a date in the future to get back in touch.")
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
        application_move(
            application,
            actor=actor,
            event=events.ONBOARDING_RECORDED,
            stage=Stage.VETTING,
            note="stage: vetting",
            fields=fields,
        )
        applicant_tell(application=application, template="application_vetting_started")
    elif outcome == Readiness.DEFER:
        assert get_back_in_touch_on is not None
        application.get_back_in_touch_on = get_back_in_touch_on
        application.save(update_fields=["get_back_in_touch_on"])
        application_move(
            application,
            actor=actor,
            event=events.ONBOARDING_RECORDED,
            outcome=Outcome.DEFERRED,
            note="outcome: deferred",
            fields=(*fields, "get_back_in_touch_on"),
        )
        applicant_tell(
            application=application,
            template="application_deferred",
            personalisation={
                "reference": application.reference,
                "date": applicant_date(application, get_back_in_touch_on),
            },
        )
    else:
        application_move(
            application,
            actor=actor,
            event=events.ONBOARDING_RECORDED,
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
    application = application_locked(application)
    rules.check_reopen(actor=actor, application=application)
    application.get_back_in_touch_on = None
    application.save(update_fields=["get_back_in_touch_on"])
    application_move(
        application,
        actor=actor,
        event=events.APPLICATION_REOPENED,
        stage=Stage.ONBOARDING,
        outcome="",
        note="reopened: onboarding",
        fields=("get_back_in_touch_on",),
    )
    return application
