"""The needs assessment (Right 4): a new row each time, and the referral it owes within 2
working days of the assessment that found the need, across bank holidays and closed days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from desk.models import NeedsAssessment, Task, TaskKind, TaskStatus, TimeLimit
from desk.services.referrals import needs_assess
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Friday 22 May 2026, 11:00 in London; Monday 25 May is the Spring bank holiday.
FRIDAY = datetime(2026, 5, 22, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(FRIDAY, tick=False):
        yield


def referral_tasks(victim: Any) -> list[Task]:
    return list(Task.objects.filter(victim=victim, kind=TaskKind.REFERRAL).order_by("pk"))


def test_needs_found_owe_a_referral_in_2_working_days_across_a_bank_holiday(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_of(make_case())
    assessment = needs_assess(
        actor=personas["desk_agent"],
        victim=victim,
        needs=["emotional", "practical"],
        referral_declined=False,
        notes="Wants help with a new lock.",
    )
    assert assessment.needs == ["emotional", "practical"]
    (task,) = referral_tasks(victim)
    # Friday, then Tuesday 26 (1) and Wednesday 27 May (2): Monday is a bank holiday.
    assert task.due_date == date(2026, 5, 27)
    assert task.due_at == datetime(2026, 5, 27, 23, 0, tzinfo=UTC)  # 00:00 BST on the 28th
    assert (task.obligation, task.days_used, task.status) == ("referral", 2, TaskStatus.OPEN)
    assert task.time_limit == TimeLimit.objects.get(code="referral", effective_to__isnull=True)
    assert (task.team_id, task.case_id, task.language) == (
        victim.case.team_id,
        victim.case_id,
        "en",
    )
    assert task.closure_moved is False
    audited = AuditEvent.objects.filter(action="desk.needs_assessed", object_id=str(victim.pk))
    assert audited.count() == 1
    assert audited.get().fields == ["needs", "referral_declined"]


def test_an_enhanced_victim_has_the_same_2_working_days(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_of(make_case(offence="hate-crime"))
    needs_assess(
        actor=personas["desk_agent"], victim=victim, needs=["safety"], referral_declined=False
    )
    (task,) = referral_tasks(victim)
    assert task.enhanced is True and task.due_date == date(2026, 5, 27)


def test_no_needs_or_a_declined_referral_owe_nothing(
    make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    none_needed = victim_of(make_case())
    needs_assess(actor=agent, victim=none_needed, needs=[], referral_declined=False)
    declined = victim_of(make_case())
    needs_assess(actor=agent, victim=declined, needs=["emotional"], referral_declined=True)
    assert referral_tasks(none_needed) == [] and referral_tasks(declined) == []
    assert NeedsAssessment.objects.count() == 2


def test_the_clock_runs_from_the_assessment_that_found_the_need(
    make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    victim = victim_of(make_case())
    needs_assess(actor=agent, victim=victim, needs=["emotional"], referral_declined=False)
    with time_machine.travel(datetime(2026, 5, 26, 10, 0, tzinfo=UTC), tick=False):
        needs_assess(
            actor=agent, victim=victim, needs=["emotional", "health"], referral_declined=False
        )
    assert victim.assessments.count() == 2  # a re-assessment is a new row
    (task,) = referral_tasks(victim)
    assert task.due_date == date(2026, 5, 27)  # still from Friday's assessment


def test_a_later_assessment_where_they_decline_cancels_the_owed_referral(
    make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    victim = victim_of(make_case())
    needs_assess(actor=agent, victim=victim, needs=["emotional"], referral_declined=False)
    needs_assess(actor=agent, victim=victim, needs=["emotional"], referral_declined=True)
    (task,) = referral_tasks(victim)
    assert (task.status, task.cancelled_reason) == (TaskStatus.CANCELLED, "referral_declined")


def test_unknown_needs_are_refused(make_case: Any, personas: dict[str, Any]) -> None:
    victim = victim_of(make_case())
    with pytest.raises(RuleBroken):
        needs_assess(
            actor=personas["desk_agent"], victim=victim, needs=["money"], referral_declined=False
        )
    assert not NeedsAssessment.objects.exists()


def test_the_page_records_the_assessment_and_goes_on_to_the_referral(
    make_case: Any, client_as: Any
) -> None:
    victim = victim_of(make_case())
    url = reverse("desk:assessment_new", kwargs={"victim_id": victim.pk})
    client = client_as("desk_agent")
    page = client.get(url).content.decode()
    assert "Needs assessment" in page and "Alex Example" not in page
    missing = client.post(url, {"needs": ["emotional"]})
    assert missing.status_code == 200
    assert "Say whether the victim said no to a referral" in missing.content.decode()
    response = client.post(url, {"needs": ["emotional"], "referral_declined": "no"})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:referral_new", kwargs={"victim_id": victim.pk})
    assert len(referral_tasks(victim)) == 1
    followed = client.get(response["Location"]).content.decode()
    assert "Make the referral by 27 May 2026" in followed


def test_an_unknown_victim_is_not_found(client_as: Any) -> None:
    url = reverse("desk:assessment_new", kwargs={"victim_id": 999999})
    assert client_as("desk_agent").get(url).status_code == 404
