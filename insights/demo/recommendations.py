"""Demo data for the feedback loop (seed_demo step, after seed_forums and seed_member_portal).

For the violence against women and girls forum (forum A, the member persona's): confirmed
feedback points from its past meetings, each said before the recommendation raised from it,
tagged with themes (one point's original words deliberately name an officer and a phone
number: they are redacted before release), and two recent points not raised yet; three
owner areas; and three recommendations:

- "Tell victims who their officer is and how to reach them", raised from points of both
  meetings, owned by Contact and call handling, partly accepted with a reason, with two
  progress updates;
- "Check in with victims before a case is closed", overdue, with no response;
- "Offer a female officer for the first statement", accepted and done.

The police_lead persona is made Head of Profession. Everything is fictional. Safe to run
again: a forum that already has the first recommendation is left as it is.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import timezone

from accounts.models import User
from forums.models import Forum, Meeting
from insights import services
from insights.models import (
    FeedbackPoint,
    OwnerArea,
    PoliceResponse,
    ProgressUpdate,
    Recommendation,
    Theme,
    response_due_for,
)
from insights.personas import police_lead_persona_profile
from redaction.services import redaction_add
from victimvoice.personas import FORUMS, PERSONAS_BY_KEY

FIRST_TITLE = "Tell victims who their officer is and how to reach them"

AREAS = [
    ("Contact and call handling", "First contact, call handling and keeping victims informed."),
    ("Investigation standards", "How investigations are run, reviewed and closed."),
    ("Victim care and support", "Referrals, support services and the Victims' Code."),
]

# (group, kind, theme slugs, words). Groups: "first-a" and "first-b" are the two meetings
# before the first recommendation was raised (b the earlier), "closed" the meeting before
# the overdue one, "statement" the one before the done one, "latest" the last meeting.
POINTS = [
    (
        "first-b",
        "concern",
        ["kept-informed", "first-contact"],
        "Several members never found out who the officer on their case was, so they did not "
        "know whom to ask for an update.",
    ),
    (
        "first-b",
        "concern",
        ["kept-informed", "empathy-tone"],
        "A member said PC Dan Hollis gave her his number 07700 900461 but never called back, "
        "and she felt forgotten.",
    ),
    (
        "first-a",
        "request",
        ["kept-informed"],
        "The forum asked for one named contact role and a direct number or email for each case.",
    ),
    (
        "closed",
        "insight",
        ["investigation", "kept-informed"],
        "Several members learnt their cases had been closed only when they chased them, weeks "
        "later.",
    ),
    (
        "statement",
        "request",
        ["first-contact", "reporting-barriers"],
        "The forum asked that victims be offered a female officer when giving a first statement.",
    ),
    (
        "latest",
        "praise",
        ["empathy-tone"],
        "Call handlers who explained what would happen next in plain words were praised.",
    ),
    (
        "latest",
        "insight",
        ["accessibility"],
        "Letters in easy read and large print would help members who find standard letters "
        "hard to follow.",
    ),
]

# Days ago the overdue and done recommendations were raised.
OVERDUE_RAISED, DONE_RAISED = 60, 150
# The first recommendation's police response and first progress update fall on these days
# of last month (the demo's released monthly report shows them), whatever today's date:
# counted in days back they would fall two months back early in a month. It was raised
# FIRST_ANSWERED_AFTER days before its response, within the time a response is due.
FIRST_RESPONDED_DAY, FIRST_UPDATED_DAY, FIRST_ANSWERED_AFTER = 5, 20, 30


def _person(key: str) -> User | None:
    return User.objects.filter(email=PERSONAS_BY_KEY[key].email).first()


def _backdate(recommendation: Recommendation, days_ago: int) -> None:
    raised = timezone.now() - timedelta(days=days_ago)
    Recommendation.objects.filter(pk=recommendation.pk).update(
        raised_at=raised,
        updated_at=raised,
        response_due=response_due_for(timezone.localdate(raised)),
    )
    recommendation.refresh_from_db()


def _days_ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def last_month_on(day: int) -> datetime:
    """10 in the morning (Europe/London) on `day` of last month."""
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=day)
    return timezone.make_aware(datetime.combine(last_month, time(10, 0)))


def _respond(
    recommendation: Recommendation, police: User, when: datetime, **answer: object
) -> None:
    services.recommendation_respond(actor=police, recommendation=recommendation, **answer)  # type: ignore[arg-type]
    PoliceResponse.objects.filter(recommendation=recommendation).update(responded_at=when)
    Recommendation.objects.filter(pk=recommendation.pk).update(updated_at=when)


def _progress(
    recommendation: Recommendation, police: User, when: datetime, kind: str, text: str
) -> None:
    update = services.recommendation_update(
        actor=police, recommendation=recommendation, kind=kind, text=text
    )
    ProgressUpdate.objects.filter(pk=update.pk).update(created_at=when)
    Recommendation.objects.filter(pk=recommendation.pk).update(updated_at=when)


def seed_insights() -> str:
    """Feedback points, owner areas and recommendations at every stage (for seed_demo)."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo feedback is never created in production.")
    police_lead_persona_profile()
    admin, facilitator, police = (
        _person("programme_admin"),
        _person("facilitator_forum_a"),
        _person("police_lead"),
    )
    forum = Forum.objects.filter(name=FORUMS["forum_a"][0]).first()
    if admin is None or facilitator is None or police is None or forum is None:
        return "no feedback loop demo (run the people and forums steps first)"
    if Recommendation.objects.filter(forum=forum, title=FIRST_TITLE).exists():
        return _summary(forum)  # the same summary each run
    now = timezone.now()
    past = list(Meeting.objects.filter(forum=forum, starts_at__lt=now).order_by("-starts_at"))

    def before(days_ago: int) -> list[Meeting]:
        """Past meetings at least two days before `days_ago` days ago, latest first."""
        cutoff = now - timedelta(days=days_ago + 2)
        return [m for m in past if m.starts_at < cutoff]

    first_responded = last_month_on(FIRST_RESPONDED_DAY)
    first_raised = (now - first_responded).days + FIRST_ANSWERED_AFTER
    before_first = before(first_raised)
    overdue_raised = max(OVERDUE_RAISED, settings.RECOMMENDATION_RESPONSE_DAYS + 7)
    groups = {
        "latest": past[:1],
        "first-a": before_first[:1],
        "first-b": before_first[1:2],
        "closed": before(overdue_raised)[:1],
        "statement": before(DONE_RAISED)[:1],
    }
    if not all(groups.values()):
        return "no feedback loop demo (the forum needs a longer history of meetings)"

    areas = {}
    for name, description in AREAS:
        area = OwnerArea.objects.filter(name=name).first()
        areas[name] = area or services.owner_area_create(
            actor=admin, name=name, description=description
        )

    themes = {t.slug: t for t in Theme.objects.all()}
    points: list[FeedbackPoint] = []
    for group, kind, slugs, words in POINTS:
        meeting = groups[group][0]
        point = services.point_record(
            actor=facilitator,
            meeting=meeting,
            agenda_item=meeting.agenda_items.order_by("position", "pk").first(),
            kind=kind,
            text=words,
            themes=[themes[s] for s in slugs if s in themes],
        )
        if "Dan Hollis" in words:
            # Belt and braces: the engine finds these, but the demo must never show them.
            for phrase, span_type in (("Dan Hollis", "NAME"), ("07700 900461", "PHONE")):
                with contextlib.suppress(ValidationError):  # already redacted
                    redaction_add(actor=facilitator, item=point.text, phrase=phrase, type=span_type)
        point = services.point_confirm(actor=facilitator, point=point)
        when = meeting.starts_at + timedelta(days=1)
        FeedbackPoint.objects.filter(pk=point.pk).update(created_at=when, confirmed_at=when)
        points.append(point)

    first = services.recommendation_raise(
        actor=admin,
        forum=forum,
        title=FIRST_TITLE,
        ask=(
            "Give every victim, at first contact, the job title of the officer or team "
            "dealing with their case and a direct way to reach them, and tell them when "
            "that changes."
        ),
        why=(
            "Members at two meetings said they did not know whom to ask for an update, and "
            "felt forgotten when calls were not returned."
        ),
        points=points[0:3],
        owner_area=areas["Contact and call handling"],
    )
    _backdate(first, first_raised)
    _respond(
        first,
        police,
        first_responded,
        decision="partly_accepted",
        reason=(
            "We will give every victim a named team and a direct email address. We cannot "
            "give a personal phone number for each officer, because officers work shifts and "
            "move between cases; the team's number is answered around the clock."
        ),
        owner="Head of Contact Centre",
        actions=(
            "Add the team's name, email and phone number to the first letter and text "
            "message. Train call handlers to give them on every call."
        ),
        target_date=timezone.localdate() + timedelta(days=60),
    )
    _progress(
        first,
        police,
        last_month_on(FIRST_UPDATED_DAY),
        "update",
        "The first letter and text message now include the team's name and direct email.",
    )
    _progress(
        first,
        police,
        _days_ago(6),
        "evidence",
        "A check of 200 new cases found 188 letters with the team's contact details.",
    )

    overdue = services.recommendation_raise(
        actor=admin,
        forum=forum,
        title="Check in with victims before a case is closed",
        ask="Tell victims before their case is closed, and explain why and what happens next.",
        why="Members found out that their cases had been closed only when they chased them.",
        points=[points[3]],
        owner_area=areas["Investigation standards"],
    )
    _backdate(overdue, overdue_raised)

    done = services.recommendation_raise(
        actor=admin,
        forum=forum,
        title="Offer a female officer for the first statement",
        ask="Offer every victim of sexual violence a female officer for the first statement.",
        why="Members said they would have reported sooner had they known they could ask.",
        points=[points[4]],
        owner_area=areas["Victim care and support"],
    )
    _backdate(done, DONE_RAISED)
    _respond(
        done,
        police,
        _days_ago(120),
        decision="accepted",
        reason="",
        owner="Detective Superintendent, Public Protection",
        actions="Add the offer to the first-response script and the statement checklist.",
        target_date=timezone.localdate() - timedelta(days=60),
    )
    _progress(
        done,
        police,
        _days_ago(70),
        "evidence",
        "The first-response script and checklist now include the offer.",
    )
    _progress(
        done, police, _days_ago(65), "done", "The offer is made in every case; audits confirm it."
    )
    return _summary(forum)


def _summary(forum: Forum) -> str:
    points = FeedbackPoint.objects.filter(forum=forum).count()
    recommendations = Recommendation.objects.filter(forum=forum).count()
    return f"{points} feedback points and {recommendations} recommendations"
