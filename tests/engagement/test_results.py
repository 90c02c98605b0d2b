"""Results back to the partner: aggregated with small numbers suppressed (also in the CSV),
free text only as a reviewer released it, released by the team only once closed and every
comment reviewed, seen by the partner only after that; the partner says what they changed by
a date, with one reminder seven days before; answers unlinked from people after close."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, RoleAssignment, User
from accounts.roles import OrganisationKind, Role
from engagement.models import (
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    RequestStatus,
    SurveyAnswer,
    SurveyResponse,
)
from engagement.selectors.results import survey_results, what_changed_overdue
from engagement.services.results import (
    results_release,
    what_changed_record,
    what_changed_remind_due,
)
from engagement.services.surveys import survey_submit
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from privacy.purge import purge_expired
from redaction.models import RedactedText
from redaction.services import redaction_release
from tests.engagement.factories import partner_request
from tests.engagement.test_surveys import _admin, survey_invitation, survey_with_questions

pytestmark = pytest.mark.django_db

# Nine say yes and three say no (with what would have helped); all rate the letter 4 or 5.
ANSWERS = [{"q1": "yes", "q3": "5", "q4": ["letter"]}] * 6 + [
    {"q1": "yes", "q3": "4", "q4": ["letter", "email"]}
] * 3
NO_ANSWERS = [
    {"q1": "no", "q2": "A phone call would have helped.", "q3": "4"},
    {"q1": "no", "q2": "Someone called Sam Jones explained nothing.", "q3": "4"},
    {"q1": "no", "q2": "Being told sooner.", "q3": "5"},
]


def partner_survey(
    partner: Any, *, released: bool = False, review: bool = True, answers: list | None = None
) -> Opportunity:
    """A closed survey the partner's organisation asked for, answered by 12 people. Its
    comments are reviewed and released (unless `review` is false: one is left waiting);
    with `released`, its results are released too."""
    admin = _admin()
    request = partner_request(
        organisation=partner.organisation, submitted_by=partner, status=RequestStatus.APPROVED
    )
    survey = survey_with_questions(request=request)
    for given in ANSWERS + NO_ANSWERS if answers is None else answers:
        invitation, _token = survey_invitation(survey)
        survey_submit(invitation=invitation, answers=given, linked=False)
    texts = RedactedText.objects.filter(
        purpose="engagement_answer",
        source_id__in=[
            str(pk)
            for pk in SurveyAnswer.objects.filter(response__opportunity=survey).values_list(
                "pk", flat=True
            )
        ],
    ).order_by("id")
    for item in texts if review else texts[1:]:
        redaction_release(actor=admin, item=item)
    Opportunity.objects.filter(pk=survey.pk).update(
        status=OpportunityStatus.CLOSED, closed_at=timezone.now()
    )
    survey.refresh_from_db()
    if released:
        results_release(actor=admin, opportunity=survey)
        survey.refresh_from_db()
    return survey


def other_partner() -> User:
    organisation = Organisation.objects.create(
        name="Another partner (demo)", kind=OrganisationKind.PARTNER_AGENCY
    )
    user = User.objects.create_user(
        email="other.partner@example.org", full_name="Other Partner", organisation=organisation
    )
    RoleAssignment.objects.create(user=user, role=Role.PARTNER_AGENCY)
    return user


def _url(name: str, survey: Opportunity) -> str:
    return reverse(name, kwargs={"opportunity_id": survey.pk})


# What the results show ---------------------------------------------------------------------


def test_small_numbers_are_suppressed_and_what_would_give_them_away(personas):
    survey = partner_survey(personas["partner_agency"])
    results = survey_results(survey)
    assert results.enough and results.responses.display == "12"
    told = results.questions[0].table
    assert told is not None
    cells = {row.label: [v.text for v in row.values] for row in told.rows}
    # "No" (3) is hidden, so "Yes" (9) is too: 12 - 9 would give it away.
    assert cells["No"][0] == "fewer than 5" and cells["Yes"][0] == "fewer than 5"
    assert cells["Total"][0] == "12"
    assert cells["No"][1] == "not shown"
    rating = results.questions[2]
    assert rating.average is not None and rating.average.text == "4.6"
    ways = results.questions[3].table
    assert ways is not None
    shown = {row.label: row.values[0].text for row in ways.rows}
    # Choose-any counts are treated as adding up to a public total (the safe side), so a
    # hidden "Email" hides "Letter" too; "Phone call" (0) stays.
    assert shown["Email"] == "fewer than 5" and shown["Letter"] == "fewer than 5"
    assert shown["Phone call"] == "0" and shown["People who answered"] == "9"


def test_only_released_comments_are_shown_and_the_team_sees_how_many_wait(personas, client_as):
    survey = partner_survey(personas["partner_agency"], review=False)
    comments = survey_results(survey).questions[1]
    assert comments.waiting == 1 and len(comments.comments) == 2
    assert "A phone call would have helped." not in comments.comments  # the one waiting
    assert any("[NAME]" in text for text in comments.comments)  # redacted as released
    body = client_as("programme_admin").get(_url("engagement:results", survey)).content.decode()
    assert "Comments waiting for review: 1" in body
    assert "A phone call would have helped." not in body and "Sam Jones" not in body


def test_fewer_than_k_answers_show_nothing_but_that(personas, client_as):
    survey = partner_survey(personas["partner_agency"], answers=ANSWERS[:3])
    results = survey_results(survey)
    assert not results.enough and results.questions == []
    assert results.responses.display == "fewer than 5"
    body = client_as("programme_admin").get(_url("engagement:results", survey)).content.decode()
    assert "Fewer than 5 people answered" in body


def test_the_csv_is_suppressed_as_the_page_is(personas, client_as):
    survey = partner_survey(personas["partner_agency"], released=True)
    response = client_as("partner_agency").get(_url("engagement:results_csv", survey))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "Were you told about the decision?,No,fewer than 5,not shown" in text
    assert "Were you told about the decision?,Total,12,100%" in text
    assert "phone call" not in text  # no comments in the CSV


# Who sees them when ------------------------------------------------------------------------


def test_the_partner_sees_results_only_once_released(personas, client_as):
    survey = partner_survey(personas["partner_agency"])
    partner = client_as("partner_agency")
    assert partner.get(_url("engagement:results", survey)).status_code == 404
    assert partner.get(_url("engagement:results_csv", survey)).status_code == 404
    assert client_as("programme_admin").get(_url("engagement:results", survey)).status_code == 200
    results_release(actor=personas["programme_admin"], opportunity=survey)
    page = partner.get(_url("engagement:results", survey))
    assert page.status_code == 200
    assert "Question 1: Were you told about the decision?" in page.content.decode()


def test_another_partner_never_sees_them(client_as):
    survey = partner_survey(other_partner(), released=True)
    client = client_as("partner_agency")
    assert client.get(_url("engagement:results", survey)).status_code == 404
    assert client.get(_url("engagement:what_changed", survey)).status_code == 404


# Releasing ---------------------------------------------------------------------------------


def test_results_wait_for_every_comment_to_be_reviewed(personas):
    survey = partner_survey(personas["partner_agency"], review=False)
    with pytest.raises(RuleBroken) as broken:
        results_release(actor=personas["programme_admin"], opportunity=survey)
    assert broken.value.code == "comments_waiting"
    survey.refresh_from_db()
    assert survey.results_released_at is None


def test_results_are_released_only_once_closed(personas):
    survey = partner_survey(personas["partner_agency"])
    Opportunity.objects.filter(pk=survey.pk).update(status=OpportunityStatus.OPEN)
    survey.refresh_from_db()
    with pytest.raises(RuleBroken) as broken:
        results_release(actor=personas["programme_admin"], opportunity=survey)
    assert broken.value.code == "not_closed"


def test_only_the_team_releases(personas):
    survey = partner_survey(personas["partner_agency"])
    with pytest.raises(PermissionDenied):
        results_release(actor=personas["partner_agency"], opportunity=survey)


@pytest.mark.dates
def test_release_sets_the_date_to_say_what_changed_and_tells_the_partner(personas, client_as):
    survey = partner_survey(personas["partner_agency"])
    # 31 January, late in the evening in London: 30 days on is 2 March.
    with time_machine.travel(datetime(2027, 1, 31, 23, 30, tzinfo=UTC), tick=False):
        client = client_as("programme_admin")
        page = client.get(_url("engagement:results_release", survey))
        assert "Release the results?" in page.content.decode()
        response = client.post(_url("engagement:results_release", survey))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == OpportunityStatus.RESULTS_RELEASED
    assert survey.results_released_by == personas["programme_admin"]
    assert survey.change_due_on == date(2027, 3, 2)
    message = Message.objects.get(template="engagement_results_released")
    assert message.recipient == personas["partner_agency"].email
    assert "2 March 2027" in message.body
    assert AuditEvent.objects.filter(action="engagement.results_released").count() == 1
    with pytest.raises(RuleBroken):
        results_release(actor=personas["programme_admin"], opportunity=survey)


def test_the_release_page_says_why_it_cannot_release(personas, client_as):
    survey = partner_survey(personas["partner_agency"], review=False)
    client = client_as("programme_admin")
    page = client.get(_url("engagement:results_release", survey)).content.decode()
    assert "waiting for review" in page
    client.post(_url("engagement:results_release", survey))
    survey.refresh_from_db()
    assert survey.results_released_at is None


# What the partner changed ------------------------------------------------------------------


def test_the_partner_says_what_changed(personas, client_as):
    survey = partner_survey(personas["partner_agency"], released=True)
    client = client_as("partner_agency")
    empty = client.post(_url("engagement:what_changed", survey), {"what_changed": " "})
    assert "Enter what you changed" in empty.content.decode()
    response = client.post(
        _url("engagement:what_changed", survey),
        {"what_changed": "We now phone before we write.", "what_changed_cy": "Rydym yn ffonio."},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.what_changed == "We now phone before we write."
    assert survey.what_changed_cy == "Rydym yn ffonio."
    assert survey.what_changed_by == personas["partner_agency"]
    assert AuditEvent.objects.filter(action="engagement.what_changed_recorded").exists()


def test_nobody_says_what_changed_before_release_nor_for_the_partner(personas, client_as):
    survey = partner_survey(personas["partner_agency"])
    assert (
        client_as("partner_agency").get(_url("engagement:what_changed", survey)).status_code == 404
    )
    with pytest.raises(RuleBroken):
        what_changed_record(
            actor=personas["partner_agency"], opportunity=survey, what_changed="Something"
        )
    results_release(actor=personas["programme_admin"], opportunity=survey)
    with pytest.raises(PermissionDenied):
        what_changed_record(
            actor=personas["programme_admin"], opportunity=survey, what_changed="Something"
        )


@pytest.mark.dates
def test_one_reminder_seven_days_before_the_date_if_nothing_said(personas):
    with time_machine.travel(datetime(2027, 2, 28, 12, tzinfo=UTC), tick=False):
        survey = partner_survey(personas["partner_agency"], released=True)
        quiet = partner_survey(personas["partner_agency"], released=True)
        what_changed_record(
            actor=personas["partner_agency"], opportunity=quiet, what_changed="Done."
        )
    assert survey.change_due_on == date(2027, 3, 30)
    assert what_changed_remind_due(today=date(2027, 3, 22)) == 0
    assert what_changed_remind_due(today=date(2027, 3, 23)) == 1
    assert what_changed_remind_due(today=date(2027, 3, 24)) == 0
    message = Message.objects.get(template="engagement_what_changed_reminder")
    assert message.recipient == personas["partner_agency"].email and "30 March 2027" in message.body


def test_overdue_shows_on_the_teams_page(personas, client_as):
    survey = partner_survey(personas["partner_agency"], released=True)
    Opportunity.objects.filter(pk=survey.pk).update(
        change_due_on=timezone.localdate() - timedelta(days=1)
    )
    assert list(what_changed_overdue()) == [survey]
    body = client_as("programme_admin").get(_url("engagement:results", survey)).content.decode()
    assert "Overdue: the partner has not said what they changed" in body


# Answers unlinked after close --------------------------------------------------------------


def test_answers_are_unlinked_from_people_once_closed(personas):
    survey = survey_with_questions()
    invitation, _token = survey_invitation(survey)
    survey_submit(invitation=invitation, answers={"q1": "yes"}, linked=True)
    still_open = survey_with_questions()
    other, _token = survey_invitation(still_open)
    survey_submit(invitation=other, answers={"q1": "yes"}, linked=True)
    Opportunity.objects.filter(pk=survey.pk).update(
        status=OpportunityStatus.CLOSED, closed_at=timezone.now()
    )

    (receipt,) = purge_expired(rules=["engagement.answers"])
    assert receipt.count == 1
    assert SurveyResponse.objects.get(opportunity=survey).participant is None
    assert SurveyResponse.objects.get(opportunity=still_open).participant == other.participant
    survey.refresh_from_db()
    assert survey.anonymised_at is not None
    event = AuditEvent.objects.get(action="engagement.answers_anonymised")
    assert event.note == "1 responses, 0 comments unlinked"
    # Who took part stays on the invitation ("you said, we did" reads it), not the answers.
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.TOOK_PART
    (again,) = purge_expired(rules=["engagement.answers"])
    assert again.count == 0


def test_the_scheduled_jobs_are_on_the_schedule():
    from lib.scheduler import job_task

    assert job_task("daily_engagement_what_changed_reminders").name == (
        "send_what_changed_reminders"
    )
