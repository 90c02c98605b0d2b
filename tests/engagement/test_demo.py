"""The engagement register's demo data: every stage of the register, made through its
services, seen as the personas would see it, and safe to run again."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from engagement.demo import CALL_TESTING, CLOSED_SURVEY, OPEN_SURVEY, seed_engagement
from engagement.models import (
    Booking,
    BookingStatus,
    Invitation,
    InvitationStatus,
    Kind,
    Opportunity,
    OpportunityStatus,
    Participant,
    ParticipantStatus,
    PartnerRequest,
    QuestionKind,
    RequestStatus,
    Selection,
    Sensitivity,
    SurveyAnswer,
)
from redaction.models import Status

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

LONDON = ZoneInfo("Europe/London")


def _counts() -> tuple[int, ...]:
    return (
        Participant.objects.count(),
        Opportunity.objects.count(),
        PartnerRequest.objects.count(),
        Invitation.objects.count(),
        Booking.objects.count(),
        SurveyAnswer.objects.count(),
    )


def test_the_demo_fills_the_register_at_every_stage_and_is_safe_to_run_again(
    settings: Any, personas: dict[str, Any], client_as: Any
) -> None:
    settings.ENGAGEMENT_DEMO_PARTICIPANTS = 60
    summary = seed_engagement()

    # A register of fictional people, varied answers, each with a safe contact.
    people = Participant.objects.exclude(user=personas["member"])
    assert people.count() == 60
    assert people.filter(status=ParticipantStatus.PAUSED).exists()
    assert people.filter(sex="prefer_not_to_say").exists() and people.filter(sex="").exists()
    assert people.filter(language="cy").exists()  # some read in Welsh
    assert all(p.email.endswith("@example.org") for p in people if p.email)
    assert all(p.phone.startswith("07700 900") for p in people if p.phone)
    assert not people.filter(safe_contact__isnull=True).exists()
    assert people.filter(safe_contact__may_email=False, safe_contact__may_text=True).exists()
    assert any(p.safe_contact.windows for p in people.select_related("safe_contact"))
    morgan = Participant.objects.get(user=personas["member"])
    assert morgan.status == ParticipantStatus.ACTIVE

    # A survey open now: questions of every kind, one conditional; yes, no and answers.
    survey = Opportunity.objects.get(title=OPEN_SURVEY["title"])
    assert (survey.kind, survey.status) == (Kind.SURVEY, OpportunityStatus.OPEN)
    assert {q.kind for q in survey.questions.all()} == set(QuestionKind.values)
    assert survey.questions.filter(show_if__isnull=False).count() == 1
    statuses = set(survey.invitations.values_list("status", flat=True))
    assert {InvitationStatus.TOOK_PART, InvitationStatus.DECLINED} <= statuses
    assert survey.invitations.get(participant=morgan).status == InvitationStatus.INVITED

    # Call testing: slots, a draw with its seed, confirmed places and one waiting.
    calls = Opportunity.objects.get(title=CALL_TESTING["title"])
    assert (calls.kind, calls.status) == (Kind.CALL_TESTING, OpportunityStatus.OPEN)
    assert calls.slots.count() == 3
    assert Selection.objects.filter(opportunity=calls).exists()
    bookings = Booking.objects.filter(slot__opportunity=calls)
    assert bookings.filter(status=BookingStatus.CONFIRMED).count() >= 2
    assert bookings.filter(status=BookingStatus.WAITING).count() == 1

    # Last month's survey: closed, reviewed, released, and what the partner changed.
    closed = Opportunity.objects.get(title=CLOSED_SURVEY["title"])
    assert closed.status == OpportunityStatus.RESULTS_RELEASED
    assert closed.request is not None and closed.request.status == RequestStatus.APPROVED
    assert closed.what_changed and closed.what_changed_at is not None
    assert closed.anonymised_at is not None
    assert closed.results_released_at is not None
    assert closed.closes_at < survey.closes_at and closed.closes_at <= closed.results_released_at
    texts = SurveyAnswer.objects.filter(response__opportunity=closed, text__isnull=False)
    assert texts.exists() and not texts.exclude(text__status=Status.RELEASED).exists()
    assert closed.invitations.get(participant=morgan).status == InvitationStatus.TOOK_PART

    # A draft, internal only.
    draft = Opportunity.objects.get(status=OpportunityStatus.DRAFT)
    assert draft.sensitivity == Sensitivity.INTERNAL_ONLY

    # The partner sees their three requests, one overdue.
    dashboard = client_as("partner_agency").get(reverse("accounts:dashboard_partner_agency"))
    page = dashboard.content.decode()
    assert PartnerRequest.objects.filter(status=RequestStatus.SUBMITTED).count() == 2
    for item in PartnerRequest.objects.all():
        assert item.title in page
    assert "Overdue" in page

    # Morgan Member sees the open survey's invitation, and last month's "you said, we did".
    member = client_as("member")
    mine = member.get(reverse("engagement:my_invitations")).content.decode()
    assert OPEN_SURVEY["title"] in mine
    you_said = member.get(reverse("engagement:you_said")).content.decode()
    assert CLOSED_SURVEY["title"] in you_said
    assert "We have rewritten the letter" in you_said

    # Again: nothing new.
    counts = _counts()
    assert seed_engagement() == summary
    assert _counts() == counts


def test_the_pages_the_demo_fills_open_for_the_programme_team_and_the_partner(
    settings: Any, client_as: Any
) -> None:
    settings.ENGAGEMENT_DEMO_PARTICIPANTS = 40
    seed_engagement()
    admin = client_as("programme_admin")
    pages = [
        reverse("engagement:requests"),
        reverse("engagement:opportunities"),
        reverse("engagement:representativeness"),
        *(reverse("engagement:request", args=[r.pk]) for r in PartnerRequest.objects.all()),
    ]
    for opportunity in Opportunity.objects.all():
        pages.append(reverse("engagement:opportunity", args=[opportunity.pk]))
        if opportunity.kind == Kind.SURVEY:
            pages.append(reverse("engagement:questions", args=[opportunity.pk]))
    calls = Opportunity.objects.get(title=CALL_TESTING["title"])
    closed = Opportunity.objects.get(title=CLOSED_SURVEY["title"])
    pages += [
        reverse("engagement:selection", args=[calls.pk]),
        reverse("engagement:slots", args=[calls.pk]),
        reverse("engagement:results", args=[closed.pk]),
    ]
    for url in pages:
        assert admin.get(url).status_code == 200, url
    overdue = client_as("programme_admin").get(reverse("engagement:requests")).content.decode()
    assert "1 request is overdue a decision." in overdue

    partner = client_as("partner_agency")
    results = partner.get(reverse("engagement:results", args=[closed.pk]))
    assert results.status_code == 200
    assert CLOSED_SURVEY["what_changed"][:40] in results.content.decode()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2027, 3, 1, 0, 30, tzinfo=LONDON),  # just after a month starts
        datetime(2026, 10, 31, 23, 50, tzinfo=LONDON),  # the last minutes of a month
        datetime(2027, 1, 1, 9, 0, tzinfo=LONDON),  # a bank holiday starting a year
    ],
)
def test_the_demo_is_made_on_awkward_days(settings: Any, moment: datetime) -> None:
    settings.ENGAGEMENT_DEMO_PARTICIPANTS = 30
    with time_machine.travel(moment, tick=True):
        seed_engagement()
    assert Opportunity.objects.filter(status=OpportunityStatus.OPEN).count() == 2
    assert Opportunity.objects.filter(status=OpportunityStatus.RESULTS_RELEASED).count() == 1
    overdue = PartnerRequest.objects.get(
        status=RequestStatus.SUBMITTED, decide_by__lt=moment.date()
    )
    assert overdue.submitted_at < moment
