"""Fictional applications at each stage, for the staff-side recruitment tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from recruitment import services as s
from recruitment.models import Application
from recruitment.services import ApplicationAnswers, application_submit

DISCLOSURE = "Caution for shoplifting, Croydon, 2019 - Zebrafinch-4471"


def make_application(
    *,
    cohorts: tuple[str, ...] = ("general",),
    email: str = "robin.example@example.org",
    phone: str = "07700 900111",
    may_email: bool = True,
    may_text: bool = False,
    equality: dict[str, str] | None = None,
    language: str = "en",
) -> Application:
    now = timezone.now()
    return application_submit(
        answers=ApplicationAnswers(
            cohort_slugs=list(cohorts),
            full_name="Robin Example",
            email=email,
            phone=phone,
            lives_in_area=True,
            may_email=may_email,
            may_text=may_text,
            may_phone=True,
            times_to_avoid="Before 9am",
            access_needs="Step-free access",
            equality_answered=equality is not None,
            equality=equality or {},
            pnc_check_consent_at=now,
            terms_agreed_at=now,
            privacy_notice_seen_at=now,
        ),
        language=language,
    )


def to_vetting(application: Application, admin: Any) -> Application:
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    s.onboarding_record(
        actor=admin,
        application=application,
        held_on=timezone.localdate(),
        assessed_by_trained_professional=True,
        outcome="ready",
        support_needs="A quiet room",
    )
    application.refresh_from_db()
    return application


def to_panel(application: Application, admin: Any, detail: str = DISCLOSURE) -> Application:
    to_vetting(application, admin)
    today = timezone.localdate()
    s.pnc_check_request(
        actor=admin, application=application, requested_on=today - timedelta(days=30)
    )
    s.pnc_result_record(
        actor=admin,
        application=application,
        result="disclosure",
        received_on=today,
        disclosure_detail=detail,
    )
    application.refresh_from_db()
    return application


def all_views(
    application: Application, personas: dict[str, Any], votes: tuple[str, ...] = ("accept",) * 3
) -> None:
    for key, seat, vote in zip(
        ("panel_oversight", "panel_police", "panel_facilitator"),
        ("oversight_body", "police", "facilitator"),
        votes,
        strict=True,
    ):
        s.panel_view_record(
            member=personas[key],
            seat=seat,
            application=application,
            conflict_of_interest=False,
            vote=vote,
            reasons=f"Reason of the {seat} seat: {DISCLOSURE}",
        )
