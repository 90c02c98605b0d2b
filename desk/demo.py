"""Demo data for the Victim Focus Desk (seed_demo step): a London desk on a working day.

DESK_DEMO_CASES (2,000) fictional cases from the crime recording system's demo integration,
over the last eight weeks, through the desk's own services: cases and victims (a few under
18, some with enhanced rights on other grounds, interpreters, nominated persons), safe
contacts, events that owe updates (Right 6), agreements about regular updates, needs
assessments and referrals with consent. Most updates owed before today were given, some
late with a reason; the rest are the queue: overdue first, then today's, then the coming
days'. The desk agent has claimed two victims' tasks. One victim has an unsafe-contact
history: a call by phone that was not safe, abandoned, so their phone is on hold until the
supervisor reviews it. Names come from Faker, phone numbers from Ofcom's drama ranges,
email addresses at example.org and postcodes end in "9ZZ", which is never used. The past
contacts are written as the desk's history (a contact is otherwise logged on the day it is
made, at a safe time). Safe to run again: it does nothing once the demo's cases exist."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

INTEGRATION_NAME = "Crime recording system (demo)"
HISTORY_DAYS = 56

OFFENCES = [
    ("burglary", 18),
    ("theft", 16),
    ("assault", 14),
    ("criminal-damage", 8),
    ("vehicle-crime", 8),
    ("robbery", 6),
    ("fraud", 6),
    ("domestic-abuse", 8),
    ("stalking-harassment", 4),
    ("hate-crime", 3),
    ("sexual-offence", 3),
    ("public-order", 3),
    ("wounding-with-intent", 1),
    ("other", 2),
]
LANGUAGES = [
    ("en", 84),
    ("pl", 3),
    ("ro", 3),
    ("bn", 2),
    ("pt", 2),
    ("es", 2),
    ("ar", 2),
    ("cy", 2),
]
TRIGGER_PATHS = [
    ["arrested", "interviewed_under_caution", "bail_or_rui"],
    ["arrested", "charged"],
    ["not_investigated"],
    ["arrested", "released_without_charge"],
    ["interviewed_under_caution", "out_of_court_disposal"],
    ["arrested", "bail_or_rui", "bail_conditions_changed"],
    ["case_closed"],
]
SUMMARIES = (
    "Explained the arrest and that the suspect is on bail with conditions not to contact them.",
    "Told them about the charge and the first court date; they asked for a call after it.",
    "Explained why the case will not be investigated further and offered support.",
    "Gave the update from the officer; they were relieved and asked for updates by text.",
    "Explained the caution given and what it means; they understood.",
)
LATE_REASONS = ["not_reached", "oic_info_unavailable", "desk_capacity", "no_safe_contact_window"]


def _pick(rng: random.Random, pairs: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _phone(rng: random.Random) -> str:
    # Ofcom's numbers for drama: 07700 900000 to 07700 900999.
    return f"07700 900{rng.randrange(1000):03d}"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)
    )


def seed_desk() -> str:
    from django.conf import settings
    from faker import Faker

    from accounts.models import User
    from desk.models import Case, ContactAttempt, OffenceCategory, Task, TaskStatus
    from desk.services import CaseIn, VictimIn, case_receive, event_receive
    from desk.services.contacts import safe_contact_set
    from desk.services.intake import victim_safe_contact_from_source
    from desk.services.tasks import task_claim, task_close
    from feedback.models import Borough, Integration, Team
    from feedback.services import team_ensure
    from feedback.services.invitations import integration_create
    from victimvoice.personas import PERSONAS

    people = {p.key: User.objects.get(email=p.email) for p in PERSONAS}
    agent = people["desk_agent"]
    integration = Integration.objects.filter(name=INTEGRATION_NAME).first()
    if integration is None:
        integration, _token = integration_create(
            actor=people["programme_admin"],
            name=INTEGRATION_NAME,
            organisation=people["desk_agent"].organisation,
            scopes=["desk"],
        )
    wanted = settings.DESK_DEMO_CASES
    if Case.objects.filter(integration=integration).count() >= wanted:
        return _summary(wanted)

    rng = random.Random(13)  # noqa: S311 - demo data, not security
    fake = Faker("en_GB")
    fake.seed_instance(13)
    if not Team.objects.filter(active=True).exists():
        for borough in Borough.objects.order_by("name")[:4]:
            team_ensure(borough=borough, name=f"{borough.name} investigation team")
    teams = list(Team.objects.filter(active=True).select_related("borough").order_by("pk"))
    known_offences = set(OffenceCategory.objects.values_list("code", flat=True))
    offences = [(code, weight) for code, weight in OFFENCES if code in known_offences]
    now = timezone.now()
    today = timezone.localdate(now)
    made = 0
    for number in range(wanted):
        team = rng.choice(teams)
        opened = today - timedelta(days=rng.randrange(HISTORY_DAYS))
        reference = f"{5000000 + number:07d}/{opened:%y}"
        victims = []
        for ref in ["V1"] + (["V2"] if rng.random() < 0.1 else []):
            under_18 = rng.random() < 0.07
            born = fake.date_of_birth(
                minimum_age=11 if under_18 else 18, maximum_age=17 if under_18 else 88
            )
            grounds = [
                g
                for g, p in (
                    ("vulnerable", 0.05),
                    ("intimidated", 0.03),
                    ("persistently_targeted", 0.02),
                )
                if rng.random() < p
            ]
            language = _pick(rng, LANGUAGES)
            victims.append(
                VictimIn(
                    victim_ref=ref,
                    full_name=fake.name(),
                    date_of_birth=born,
                    postcode=f"{team.borough.name[:1]}{rng.randrange(1, 20)} 9ZZ",
                    language=language,
                    interpreter_language=language
                    if language not in ("en", "cy") and rng.random() < 0.6
                    else "",
                    sex=rng.choice(["female", "male", "female", "male", ""]),
                    ethnic_group=_pick(
                        rng,
                        [
                            ("white", 50),
                            ("asian", 20),
                            ("black", 14),
                            ("mixed", 6),
                            ("other", 4),
                            ("", 6),
                        ],
                    ),
                    grounds=grounds,
                    nominee_name=fake.name() if under_18 else "",
                    nominee_relationship="Parent" if under_18 else "",
                    feedback_opt_out=rng.random() < 0.1,
                )
            )
        body, _new = case_receive(
            data=CaseIn(
                crime_reference=reference,
                offence_category=_pick(rng, offences),
                team_code=team.slug,
                oic_display=f"DC {fake.last_name()} {rng.randrange(1000, 9999)}",
                victims=victims,
            ),
            source_event_id=f"demo-case-{number}",
            payload={"demo": number},
            integration=integration,
        )
        case = Case.objects.get(pk=body["case_id"])
        for victim in case.victims.all():
            safe_times = rng.random() < 0.3
            victim_safe_contact_from_source(
                victim=victim,
                fields={
                    "may_phone": True,
                    "may_text": rng.random() < 0.8,
                    "may_email": rng.random() < 0.6,
                    "may_voicemail": rng.random() < 0.5,
                    "may_letter": case.offence_category.code != "domestic-abuse",
                    "phone": _phone(rng),
                    "email": f"victim{victim.pk}@example.org",
                },
            )
            if safe_times:
                safe_contact_set(
                    actor=agent,
                    victim=victim,
                    safe_times=[{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}],
                )
        event_receive(
            crime_reference=reference,
            kind="case_opened",
            occurred_at=min(_at(opened, 9), now),
            source_event_id=f"demo-event-{number}-0",
            payload={"demo": number, "step": 0},
            integration=integration,
        )
        day = opened
        for step, kind in enumerate(rng.choice(TRIGGER_PATHS), start=1):
            day = day + timedelta(days=rng.randrange(1, 12))
            if day > today:
                break
            hour = rng.randrange(8, 19)
            occurred = _at(day, hour, rng.randrange(60))
            if occurred > now:
                break
            event_receive(
                crime_reference=reference,
                kind=kind,
                occurred_at=occurred,
                source_event_id=f"demo-event-{number}-{step}",
                payload={"demo": number, "step": step},
                integration=integration,
            )
        made += 1

    # The desk's history: most updates due before today were given, a few late.
    for task in (
        Task.objects.filter(
            status=TaskStatus.OPEN, due_date__lt=today, case__integration=integration
        )
        .select_related("victim", "event")
        .order_by("pk")
    ):
        if task.victim is None or rng.random() < 0.06:
            continue  # still owed: the overdue part of the queue
        late = rng.random() < 0.18
        done_day = (
            task.due_date + timedelta(days=rng.randrange(1, 4))
            if late
            else task.due_date - timedelta(days=rng.randrange(0, max(1, task.days_used or 1)))
        )
        event_day = timezone.localdate(task.event.occurred_at) if task.event else task.due_date
        done_day = min(max(done_day, event_day), today - timedelta(days=1))
        attempt = ContactAttempt.objects.create(
            victim=task.victim,
            at=_at(done_day, 11, rng.randrange(60)),
            direction="out",
            channel="phone",
            outcome="reached",
            summary=rng.choice(SUMMARIES),
            rights_delivered=[task.obligation],
            reasons_given=True,
            agent=agent,
        )
        task_close(
            actor=agent,
            task=task,
            contact=attempt,
            late_reason=rng.choice(LATE_REASONS),
            late_note="",
        )

    _unsafe_contact_history(integration=integration, agent=agent, rng=rng)
    _agreements_and_referrals(integration=integration, agent=agent)
    # The agent has started on two victims.
    for task in Task.objects.filter(status=TaskStatus.OPEN, case__integration=integration).order_by(
        "due_at"
    )[:2]:
        task_claim(actor=agent, task=task)
    return _summary(made)


def _summary(cases: int) -> str:
    from desk.models import Task, TaskStatus

    return f"{cases} desk cases ({Task.objects.filter(status=TaskStatus.OPEN).count()} tasks open)"


def _agreements_and_referrals(*, integration: Any, agent: Any) -> None:
    """Some victims on open cases asked for regular updates; some had their needs assessed,
    and a few of those were referred to a support service with their consent."""
    from desk.models import CaseStatus, ReferralBasis, SharedField, Victim
    from desk.services.agreements import agreement_set
    from desk.services.referrals import (
        ReferralIn,
        consent_required,
        needs_assess,
        referral_create,
        services_for,
    )

    victims = list(
        Victim.objects.filter(case__integration=integration, case__status=CaseStatus.OPEN)
        .select_related("case__offence_category", "case__team")
        .order_by("pk")[:60]
    )
    for victim in victims[::3]:
        agreement_set(
            actor=agent,
            victim=victim,
            frequency="every_n_days",
            every_days=28,
            channel="phone",
            language=victim.language,
            through="victim",
        )
    for index, victim in enumerate(victims[1::3]):
        needs_assess(
            actor=agent,
            victim=victim,
            needs=["emotional", "practical"] if index % 2 else ["safety"],
            referral_declined=index % 5 == 4,
        )
        service = services_for(victim).first()
        if index % 2 == 0 and index % 5 != 4 and service is not None:
            referral_create(
                actor=agent,
                victim=victim,
                data=ReferralIn(
                    service=service,
                    basis=ReferralBasis.EXPLICIT_CONSENT
                    if consent_required(victim)
                    else ReferralBasis.NOT_DECLINED,
                    consent_read=True,
                    shared=[SharedField.NAME, SharedField.CONTACT, SharedField.NEEDS],
                ),
            )


def _unsafe_contact_history(*, integration: Any, agent: Any, rng: random.Random) -> None:
    """One victim of domestic abuse whose phone call was answered by someone else: the call
    was abandoned as unsafe and the phone is on hold until the supervisor reviews it."""
    from desk.models import ContactAttempt, Victim
    from safecontact.services import channel_hold_create

    victim = (
        Victim.objects.filter(
            case__integration=integration, case__offence_category__code="domestic-abuse"
        )
        .order_by("pk")
        .first()
    )
    if (
        victim is None
        or ContactAttempt.objects.filter(victim=victim, outcome="unsafe_abandoned").exists()
    ):
        return
    yesterday = timezone.localdate() - timedelta(days=1)
    ContactAttempt.objects.create(
        victim=victim,
        at=_at(yesterday, 14, 5),
        direction="out",
        channel="phone",
        outcome="unsafe_abandoned",
        summary="A man answered and asked who was calling. Ended the call without saying who we were.",
        agent=agent,
    )
    channel_hold_create(
        actor=agent, contact=victim.safe_contact, channel="phone", reason="unsafe_abandoned"
    )
