"""Fictional demo applications for seed_demo (victimvoice/management/commands/seed_demo.py).

Names and contact details come from Faker (en_GB) with a fixed seed, so every run makes
the same people; email addresses use example.org and phone numbers Ofcom's drama range
(07700 900000 to 900999), so no real person can be contacted. The public side adds
applications at the "received" stage; the staff side adds the later stages.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import Organisation
from recruitment.models import Application, Cohort, Stage
from recruitment.reference.equality import (
    AGE_BANDS,
    DISABILITY,
    ETHNIC_BACKGROUNDS,
    GENDER_IDENTITY,
    PREFER_NOT_TO_SAY,
    SEXUAL_ORIENTATION,
    boroughs,
)
from recruitment.services import ApplicationAnswers, application_submit

DEMO_SEED = 4004
RECEIVED_COUNT = 6
PARTNER_COHORTS = ("disabled-victims", "lgbtq-victims")
PARTNER_ORGANISATION = "Access and Pride Partnership (demo)"
INDEPENDENT_ORGANISATION = "Independent Facilitation Ltd (demo)"


def cohorts_link_demo_facilitators() -> None:
    """Point each cohort without a facilitating organisation at the demo one that runs it."""
    for cohort in Cohort.objects.filter(facilitating_organisation__isnull=True):
        name = PARTNER_ORGANISATION if cohort.slug in PARTNER_COHORTS else INDEPENDENT_ORGANISATION
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is not None:
            cohort.facilitating_organisation = organisation
            cohort.save(update_fields=["facilitating_organisation"])


def demo_answers(n: int, fake: object) -> ApplicationAnswers:
    from faker import Faker

    assert isinstance(fake, Faker)
    cohorts = list(Cohort.objects.filter(active=True).values_list("slug", flat=True))
    now = timezone.now() - timedelta(days=RECEIVED_COUNT - n, hours=n)
    name = fake.name()
    by_phone_only = n % 3 == 2
    answered = n % 2 == 0
    pick = fake.random_element
    return ApplicationAnswers(
        cohort_slugs=sorted({cohorts[n % len(cohorts)], cohorts[(n * 2 + 1) % len(cohorts)]}),
        full_name=name,
        email="" if by_phone_only else f"{name.split()[0].lower()}.{n}@example.org",
        phone=f"07700 900{fake.random_int(0, 999):03d}",
        lives_in_area=True,
        works_in_area=n % 2 == 1,
        may_email=not by_phone_only,
        may_text=n % 2 == 0,
        may_phone=by_phone_only,
        may_voicemail=False,
        times_to_avoid=pick(["", "Weekday evenings", "Before 10am"]),
        access_needs=pick(
            ["", "Step-free access", "Large print papers", "A quiet room to take a break"]
        ),
        equality_answered=answered,
        equality={
            "ethnic_group": pick([a.code for a in ETHNIC_BACKGROUNDS]),
            "disability": pick([a.code for a in DISABILITY]),
            "sexual_orientation": pick([*(a.code for a in SEXUAL_ORIENTATION), PREFER_NOT_TO_SAY]),
            "gender_identity": pick([a.code for a in GENDER_IDENTITY]),
            "age_band": pick([a.code for a in AGE_BANDS]),
            "borough": pick([a.code for a in boroughs()]),
        }
        if answered
        else {},
        pnc_check_consent_at=now,
        terms_agreed_at=now,
        privacy_notice_seen_at=now,
    )


def seed_applications() -> str:
    """Applications at the received stage (safe to run again: makes up to RECEIVED_COUNT)."""
    from faker import Faker

    cohorts_link_demo_facilitators()
    fake = Faker("en_GB")
    fake.seed_instance(DEMO_SEED)
    existing = Application.objects.filter(stage=Stage.RECEIVED).count()
    made = 0
    for n in range(RECEIVED_COUNT):
        answers = demo_answers(n, fake)  # drawn every time, so the same people each run
        if n < existing:
            continue
        application = application_submit(answers=answers, language="en")
        Application.objects.filter(pk=application.pk).update(
            submitted_at=answers.pnc_check_consent_at, stage_changed_at=answers.pnc_check_consent_at
        )
        made += 1
    total = existing + made
    return f"{total} applications received"
