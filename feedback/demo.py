"""Demo data for post-contact feedback (seed_demo step): teams in a few boroughs, a code
for every team and for the officer persona, invitations, and a few hundred generated
responses over the last six months across channels, some with comments (redacted and
released) and a few routed to the desk. Every comment is invented. Safe to run again."""

from __future__ import annotations

import hashlib
import random
from datetime import timedelta

from django.utils import timezone

DEMO_BOROUGHS = ("Camden", "Hackney", "Lambeth", "Southwark", "Croydon", "Newham")
DEMO_TEAMS = ("response team A", "response team B", "neighbourhood team")
RESPONSES = 420
DEMO_KEY = "demo-"

COMMENTS = (
    "The officer was kind and explained what would happen next.",
    "Nobody called me back after the first visit.",
    "They listened to me and gave me a leaflet about support.",
    "I waited three hours for someone to come.",
    "The officer was patient with my mum, who does not speak much English.",
    "I still do not know what is happening with my case.",
    "Very professional. Thank you to PC Amir Patel.",
    "I was told about Victim Support and they rang me the next day.",
    "It felt like they did not believe me.",
    "Quick response and they checked the CCTV on Rosewood Street.",
)
ROUTED_COMMENTS = (
    "He said he will kill me if I talk to the police again.",
    "I want to make a complaint about how the officer spoke to me.",
    "My children are not safe at home while he is there.",
)


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def seed_feedback() -> str:
    from accounts.models import User
    from desk.services.routed import routed_task_create
    from feedback import services
    from feedback.form_routing import routing_reasons
    from feedback.models import (
        Borough,
        Channel,
        FeedbackCode,
        Invitation,
        Response,
        RoutedComment,
        Team,
    )
    from redaction.services import redaction_prepare, redaction_release
    from victimvoice.personas import PERSONAS

    teams: list[Team] = []
    for name in DEMO_BOROUGHS:
        borough = Borough.objects.get(name=name)
        services.borough_general_team(borough=borough)
        for suffix in DEMO_TEAMS:
            teams.append(services.team_ensure(borough=borough, name=f"{name} {suffix}"))

    persona = {p.key: p for p in PERSONAS}
    officer = User.objects.filter(email=persona["officer"].email).first()
    reviewer = User.objects.filter(email=persona["programme_admin"].email).first()
    if officer is not None:
        services.officer_posting_set(officer=officer, team=teams[0])

    existing = Response.objects.filter(submission_key__startswith=DEMO_KEY)
    codes = FeedbackCode.objects.filter(team__in=teams, active=True).count()
    if existing.exists():
        return f"{len(teams)} teams, {codes} codes, {existing.count()} responses"

    rng = random.Random(20261121)  # noqa: S311 - demo data, not security
    now = timezone.now()
    rating = [("yes", 55), ("partly", 20), ("no", 15), ("not_sure", 10), ("", 5)]
    for n in range(RESPONSES):
        for_officer = officer is not None and n % 6 == 0
        team = teams[0] if for_officer else rng.choice(teams)
        channel = _weighted(rng, [("qr", 50), ("sms", 25), ("email", 15), ("web", 10)])
        submitted_at = now - timedelta(days=rng.uniform(0, 182), hours=rng.uniform(0, 12))
        invitation = None
        if channel in (Channel.SMS, Channel.EMAIL):
            invitation = Invitation.objects.create(
                token_hash=hashlib.sha256(f"{DEMO_KEY}invitation-{n}".encode()).hexdigest(),
                channel=channel,
                team=team,
                officer=officer if for_officer else None,
                created_at=submitted_at - timedelta(hours=rng.uniform(1, 48)),
                expires_at=submitted_at + timedelta(days=7),
                sent_at=submitted_at - timedelta(hours=1),
                used_at=submitted_at,
            )
        young = rng.random() < 0.3
        equality = rng.random() < 0.7
        response = Response.objects.create(
            channel=channel,
            team=team,
            borough_id=team.borough_id,
            officer=officer if for_officer else None,
            invitation=invitation,
            language=_weighted(
                rng, [("en", 85), ("cy", 2), ("pl", 4), ("ro", 3), ("bn", 3), ("ar", 3)]
            ),
            submitted_at=submitted_at,
            month=timezone.localtime(submitted_at).date().replace(day=1),
            overall=int(_weighted(rng, [("5", 30), ("4", 30), ("3", 18), ("2", 12), ("1", 10)])),
            respect=_weighted(rng, rating),
            listened=_weighted(rng, rating),
            kept_informed=_weighted(rng, rating),
            told_support=_weighted(rng, rating),
            age_band=(
                _weighted(rng, [("under_18", 2), ("18_24", 6), ("25_34", 4)])
                if equality and young
                else _weighted(
                    rng,
                    [("35_44", 5), ("45_54", 4), ("55_64", 3), ("65_plus", 3), ("prefer_not", 1)],
                )
                if equality
                else ""
            ),
            ethnic_group=_weighted(
                rng,
                [
                    ("white", 50),
                    ("asian", 20),
                    ("black", 14),
                    ("mixed", 6),
                    ("other", 6),
                    ("prefer_not", 4),
                ],
            )  # fmt: skip
            if equality
            else "",
            sex=_weighted(rng, [("female", 52), ("male", 45), ("prefer_not", 3)])
            if equality
            else "",
            disabled=_weighted(rng, [("no", 80), ("yes", 16), ("prefer_not", 4)])
            if equality
            else "",
            equality_answered_at=submitted_at if equality else None,
            submission_key=f"{DEMO_KEY}{n}",
        )
        text = ""
        if n < len(ROUTED_COMMENTS):
            text = ROUTED_COMMENTS[n]
        elif rng.random() < 0.18:
            text = rng.choice(COMMENTS)
        if text:
            comment = redaction_prepare(
                text=text, purpose=services.COMMENT_PURPOSE, source=response, field_name="comment"
            )
            if reviewer is not None and n >= len(ROUTED_COMMENTS):
                redaction_release(actor=reviewer, item=comment)
            reasons = routing_reasons(text)
            Response.objects.filter(pk=response.pk).update(comment=comment, routed=bool(reasons))
            for reason in reasons:
                # Into the desk's queue with its deadline (desk.services.routed).
                routed_task_create(
                    routed=RoutedComment.objects.create(
                        response=response, reason=reason, created_at=submitted_at
                    )
                )
    # Invitations nobody answered, so response rates per channel are below 100%.
    for n in range(90):
        channel = Channel.SMS if n % 3 else Channel.EMAIL
        created = now - timedelta(days=rng.uniform(8, 182))
        Invitation.objects.create(
            token_hash=hashlib.sha256(f"{DEMO_KEY}unanswered-{n}".encode()).hexdigest(),
            channel=channel,
            team=rng.choice(teams),
            created_at=created,
            expires_at=created + timedelta(days=7),
            sent_at=created + timedelta(minutes=1),
        )
    total = Response.objects.filter(submission_key__startswith=DEMO_KEY).count()
    return f"{len(teams)} teams, {codes} codes, {total} responses"
