"""Fictional demo applications at every later stage, for seed_demo (after the public
side's "received" ones, recruitment/demo/public.py). Safe to run again: each scenario's
applicant is found by their (fictional, example.org) email address.

One application waits at the panel with a fictional disclosure, so the three panel
personas can each give a view and record the decision in the demo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from recruitment import services as s
from recruitment.demo.public import demo_answers
from recruitment.models import Application
from recruitment.services import application_submit
from victimvoice.personas import PERSONAS_BY_KEY

STAFF_DEMO_SEED = 4005
DEMO_DISCLOSURE = "Fictional demo record: caution for criminal damage, 2017."


def _screening(a: Application, admin: User) -> None:
    s.application_screening_start(actor=admin, application=a)


def _onboarding(a: Application, admin: User) -> None:
    _screening(a, admin)
    s.application_onboarding_invite(actor=admin, application=a)


def _conversation(a: Application, admin: User, outcome: str, **extra: Any) -> None:
    _onboarding(a, admin)
    s.onboarding_record(
        actor=admin,
        application=a,
        held_on=timezone.localdate() - timedelta(days=3),
        assessed_by_trained_professional=True,
        outcome=outcome,
        support_needs="Would like a support worker at the first meeting (demo).",
        **extra,
    )


def _deferred(a: Application, admin: User) -> None:
    _conversation(a, admin, "defer", get_back_in_touch_on=timezone.localdate() + timedelta(days=90))


def _not_suitable(a: Application, admin: User) -> None:
    _conversation(a, admin, "not_suitable_now")


def _vetting(a: Application, admin: User) -> None:
    _conversation(a, admin, "ready")
    s.pnc_check_request(
        actor=admin, application=a, requested_on=timezone.localdate() - timedelta(days=12)
    )


def _panel(a: Application, admin: User) -> None:
    _vetting(a, admin)
    s.pnc_result_record(
        actor=admin,
        application=a,
        result="disclosure",
        received_on=timezone.localdate(),
        disclosure_detail=DEMO_DISCLOSURE,
    )


def _accepted(a: Application, admin: User) -> None:
    _vetting(a, admin)
    s.pnc_result_record(
        actor=admin, application=a, result="no_trace", received_on=timezone.localdate()
    )


def _member(a: Application, admin: User) -> None:
    _accepted(a, admin)
    s.application_onboard(actor=admin, application=a)


def _withdrawn(a: Application, admin: User) -> None:
    _onboarding(a, admin)
    s.application_withdraw(actor=admin, application=a)


SCENARIOS: list[tuple[str, Callable[[Application, User], None]]] = [
    ("screening", _screening),
    ("onboarding", _onboarding),
    ("deferred", _deferred),
    ("vetting", _vetting),
    ("panel", _panel),
    ("accepted", _accepted),
    ("member", _member),
    ("withdrawn", _withdrawn),
    ("not suitable now", _not_suitable),
]


def seed_applications_at_every_stage() -> str:
    from faker import Faker

    admin = User.objects.get(email=PERSONAS_BY_KEY["programme_admin"].email)
    fake = Faker("en_GB")
    fake.seed_instance(STAFF_DEMO_SEED)
    present = 0
    for n, (_name, move) in enumerate(SCENARIOS):
        answers = demo_answers(n, fake)
        # Every scenario can be told by email, so the demo outbox shows each message. The
        # member is the demo's member persona, so their account is the one they sign in to.
        email = answers.email or f"demo.applicant.{n}@example.org"
        if move is _member:
            email = PERSONAS_BY_KEY["member"].email
        answers = replace(answers, email=email, may_email=True)
        if Application.objects.with_email(answers.email).exists():
            present += 1
            continue
        application = application_submit(answers=answers, language="en")
        move(application, admin)
        present += 1
    return f"{present} applications at later stages"
