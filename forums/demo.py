"""Fictional demo forums for seed_demo: one forum for each of the five cohorts, each with
about eight members and a two-year rhythm of meetings every six weeks. Past meetings have
attendance, a published agenda and a final note; the next meeting has a published agenda
with a member's item and a content note; the one after has proposals waiting.

The member persona (Morgan Member) is a member and co-chair of the violence against women
and girls forum, so the member portal has something to show. Safe to run again: a forum
that already has meetings is left as it is. Everything is generated (Faker, fixed seed).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from accounts.models import Organisation, User
from forums import services
from forums.models import (
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    AttendanceStatus,
    Forum,
    ForumMembership,
    Meeting,
    MeetingFormat,
    MeetingNote,
    NoteStatus,
    ProposerKind,
    Venue,
)
from recruitment import services as s
from recruitment.models import Cohort
from recruitment.services import application_submit
from victimvoice.personas import FORUMS, ORGANISATIONS, PERSONAS_BY_KEY

DEMO_SEED = 5005
MEMBERS_PER_FORUM = 8

# (cohort slug, forum name, facilitating organisation key in victimvoice.personas)
DEMO_FORUMS = [
    ("violence-against-women-and-girls", FORUMS["forum_a"][0], "facilitators"),
    ("black-communities", "Black communities forum", "facilitators"),
    ("disabled-victims", FORUMS["forum_b"][0], "partner"),
    ("lgbtq-victims", "LGBTQ+ victims forum", "partner"),
    ("young-people", "Young people forum", "facilitators"),
]

VENUES = [
    (
        "Riverside Community Hall (demo)",
        "1 Example Street, London",
        "Step-free entrance and lift. Accessible toilet on every floor. Hearing loop in the "
        "main room. A quiet room is available.",
    ),
    (
        "Northgate Library meeting room (demo)",
        "20 Sample Road, London",
        "Ramp at the side entrance. Accessible toilet on the ground floor. No hearing loop.",
    ),
    (
        "Civic Centre, room 4 (demo)",
        "3 Placeholder Square, London",
        "Level access throughout. Large print papers on request. Parking for blue badge holders.",
    ),
]

TOPICS = [
    (
        "Being kept informed about my case",
        "Updates stopped after the first month.",
        "Talks about waiting for a court date.",
    ),
    ("The first call to the police", "What would have made it easier to report.", ""),
    ("Draft leaflet: your rights as a victim", "Please read the draft before the meeting.", ""),
    (
        "Victim personal statements",
        "How officers explain the statement.",
        "Mentions the effect of a crime on family life.",
    ),
    ("Training for call handlers", "A draft module to review together.", ""),
    ("Special measures at court", "What is offered and when.", "Talks about giving evidence."),
    ("Feedback from the last six weeks", "What the police did with our recommendations.", ""),
    ("Letters sent to victims", "A draft letter to appraise.", ""),
    (
        "Support services after reporting",
        "Are referrals made, and do they help?",
        "Mentions domestic abuse.",
    ),
    ("Online reporting", "Testing the new online form.", ""),
]

NOTE = (
    "The forum discussed {topic}. Members shared what had helped and what had not. The "
    "police representative agreed to take two points back to the professional lead. The "
    "oversight body will report back at the next meeting. The group agreed the actions below.\n\n"
    "Actions: share the draft again with changes; invite a call handler to the next meeting."
)


def _person(key: str) -> User | None:
    return User.objects.filter(email=PERSONAS_BY_KEY[key].email).first()


def _org(key: str) -> Organisation:
    name, kind = ORGANISATIONS[key]
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _venues(admin: User) -> list[Venue]:
    out = []
    for name, address, access in VENUES:
        venue = Venue.objects.filter(name=name).first()
        out.append(
            venue
            or services.venue_create(actor=admin, name=name, address=address, accessibility=access)
        )
    return out


def _member(forum: Forum, admin: User, n: int, fake: object, *, email: str = "") -> ForumMembership:
    from recruitment.demo import demo_answers

    answers = demo_answers(n, fake)
    if forum.cohort is not None:
        answers = replace(answers, cohort_slugs=[forum.cohort.slug])
    # Demo members have no email address, so no accounts are made for them (seed_demo
    # makes no people beyond the personas); they are texted. The member persona is found
    # by their email address and keeps their account.
    answers = replace(answers, email=email, may_email=bool(email), may_text=True, may_phone=True)
    application = application_submit(answers=answers, language="en")
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    s.onboarding_record(
        actor=admin,
        application=application,
        held_on=timezone.localdate(),
        assessed_by_trained_professional=True,
        outcome="ready",
        support_needs="",
    )
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    membership = s.application_onboard(
        actor=admin, application=application, tenure_ends_on=forum.tenure_end
    )
    return services.forum_member_join(
        actor=admin, forum=forum, membership=membership, joined_on=forum.tenure_starts_on
    )


def _history(meeting: Meeting, members: list[ForumMembership], rng: random.Random, n: int) -> None:
    """A past meeting: agenda published, attendance and apologies, a final note."""
    topic = TOPICS[n % len(TOPICS)]
    AgendaItem.objects.create(
        meeting=meeting,
        title=topic[0],
        detail=topic[1],
        content_note=topic[2],
        proposer_kind=ProposerKind.MEMBER,
        status=AgendaItemStatus.ACCEPTED,
        position=1,
        proposed_by=members[n % len(members)].user,
    )
    AgendaItem.objects.create(
        meeting=meeting,
        title="You said, we did",
        detail="Updates on earlier recommendations.",
        proposer_kind=ProposerKind.POLICE,
        status=AgendaItemStatus.ACCEPTED,
        position=2,
    )
    meeting.agenda_published_at = meeting.starts_at - timedelta(days=7)
    meeting.invitations_sent_at = meeting.starts_at - timedelta(days=30)
    meeting.save(update_fields=["agenda_published_at", "invitations_sent_at"])
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            forum_membership=fm,
            status=AttendanceStatus.ATTENDED if rng.random() < 0.8 else AttendanceStatus.APOLOGIES,
            recording_consent=True,
            invited_at=meeting.invitations_sent_at,
        )
        for fm in members
    )
    MeetingNote.objects.create(
        meeting=meeting,
        text=NOTE.format(topic=topic[0].lower()),
        status=NoteStatus.FINAL,
        shared_at=meeting.starts_at + timedelta(days=3),
        finalised_at=meeting.starts_at + timedelta(days=10),
    )


def _seed_forum(
    slug: str, name: str, org_key: str, admin: User, venues: list[Venue], fake: object, n: int
) -> int:
    cohort = Cohort.objects.filter(slug=slug).first()
    forum, _created = Forum.objects.get_or_create(
        name=name, defaults={"facilitating_organisation": _org(org_key)}
    )
    if forum.meetings.exists():
        return 0
    today = timezone.localdate()
    start = today - timedelta(days=330 + 20 * n)
    services.forum_settings_set(
        actor=admin,
        forum=forum,
        cohort=cohort,
        tenure_starts_on=start,
        police_representative=_person("police_lead"),
        oversight_representative=admin,
    )
    members = [_member(forum, admin, 900 + n * 20 + i, fake) for i in range(MEMBERS_PER_FORUM)]
    member_persona = _person("member")
    # The cast (victimvoice/cast.py) placed the member persona today; in the demo's history
    # they have been a member since the tenure began, like the others.
    forum.memberships.filter(user=member_persona, joined_on__gt=start).update(joined_on=start)
    if (
        n == 0
        and member_persona is not None
        and not ForumMembership.objects.filter(user=member_persona).exists()
    ):
        mine = _member(forum, admin, 999, fake, email=member_persona.email)
        members.append(mine)
        forum.co_chairs.add(member_persona)
    if members[0].user is not None:
        forum.co_chairs.add(members[0].user)
    first = timezone.make_aware(datetime.combine(start + timedelta(days=14), time(18, 0)))
    meetings = services.meeting_series_generate(
        actor=admin,
        forum=forum,
        first_starts_at=first,
        format=MeetingFormat.IN_PERSON,
        venue=venues[n % len(venues)],
        history=True,
    )
    rng = random.Random(DEMO_SEED + n)  # noqa: S311 (fictional demo attendance)
    now = timezone.now()
    past = [m for m in meetings if m.starts_at < now]
    future = [m for m in meetings if m.starts_at >= now]
    for i, meeting in enumerate(past):
        _history(meeting, members, rng, i + n)
    if future:
        nxt = future[0]
        topic = TOPICS[(len(past) + n) % len(TOPICS)]
        # A member's proposal (members without accounts tell the facilitator, who adds it).
        item = AgendaItem.objects.create(
            meeting=nxt,
            title=topic[0],
            detail=topic[1],
            proposer_kind=ProposerKind.MEMBER,
            proposed_by=members[1].user,
            position=1,
        )
        services.agenda_item_accept(
            actor=admin, item=item, content_note=topic[2] or "Talks about how a crime was reported."
        )
        services.agenda_item_propose(
            actor=admin, meeting=nxt, title="You said, we did", detail="Updates from the police."
        )
        services.agenda_publish(actor=admin, meeting=nxt)
    if len(future) > 1:
        later = TOPICS[(len(past) + n + 1) % len(TOPICS)]
        AgendaItem.objects.create(
            meeting=future[1],
            title=later[0],
            detail=later[1],
            proposer_kind=ProposerKind.MEMBER,
            proposed_by=members[2].user,
            position=1,
        )
    return len(meetings)


def seed_forums() -> str:
    """Demo forums for the five cohorts with two years of meetings (for seed_demo)."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo forums are never created in production.")
    from faker import Faker

    admin = _person("programme_admin")
    if admin is None:
        return "no demo forums (run the people step first)"
    fake = Faker("en_GB")
    fake.seed_instance(DEMO_SEED)
    venues = _venues(admin)
    for n, (slug, name, org) in enumerate(DEMO_FORUMS):
        _seed_forum(slug, name, org, admin, venues, fake, n)
    names = [name for _slug, name, _org in DEMO_FORUMS]
    meetings = Meeting.objects.filter(forum__name__in=names).count()
    return f"{len(DEMO_FORUMS)} demo forums with {meetings} meetings"
