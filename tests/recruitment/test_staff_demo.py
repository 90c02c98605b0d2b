"""seed_demo adds fictional applications at every stage, one with a disclosure at the panel."""

import pytest

from recruitment.demo import DEMO_DISCLOSURE, seed_applications_at_every_stage
from recruitment.models import Application, Outcome, PncCheck, Stage

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_the_demo_has_an_application_at_every_stage_and_can_run_again(personas):
    assert seed_applications_at_every_stage() == "9 applications at later stages"
    stages = set(Application.objects.values_list("stage", flat=True))
    assert {Stage.SCREENING, Stage.ONBOARDING, Stage.VETTING, Stage.PANEL, Stage.DECIDED} <= stages
    assert Stage.ONBOARDED in stages
    outcomes = set(Application.objects.values_list("outcome", flat=True))
    assert {Outcome.DEFERRED, Outcome.WITHDRAWN, Outcome.NOT_ACCEPTED, Outcome.ACCEPTED} <= outcomes
    at_panel = Application.objects.get(stage=Stage.PANEL)
    assert PncCheck.objects.get(application=at_panel).disclosure_detail == DEMO_DISCLOSURE
    assert all(a.email.endswith("@example.org") for a in Application.objects.all() if a.email)
    count = Application.objects.count()
    assert seed_applications_at_every_stage() == "9 applications at later stages"
    assert Application.objects.count() == count


def test_the_demo_member_is_the_member_persona(personas):
    seed_applications_at_every_stage()
    member = Application.objects.get(stage=Stage.ONBOARDED)
    assert member.user == personas["member"]
