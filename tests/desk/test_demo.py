"""The desk's demo data: a queue that looks like a real working day, made through the
desk's services, and safe to run again."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from desk.demo import seed_desk
from desk.models import (
    Case,
    ContactAgreement,
    ContactAttempt,
    NeedsAssessment,
    Referral,
    Task,
    TaskStatus,
)
from directory.demo import seed_directory
from safecontact.models import ChannelHold

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_working_queue_and_is_safe_to_run_again(settings: Any) -> None:
    settings.DESK_DEMO_CASES = 40
    seed_directory()  # the services referrals go to, as seed_demo runs it first
    seed_desk()
    assert Case.objects.count() == 40
    now = timezone.now()
    open_tasks = Task.objects.filter(status=TaskStatus.OPEN)
    assert open_tasks.filter(due_at__lte=now).exists()  # some overdue
    assert open_tasks.filter(due_at__gt=now).exists()  # some still to come
    assert Task.objects.filter(status=TaskStatus.DONE, late_working_days=0).exists()
    assert (
        Task.objects.filter(status=TaskStatus.DONE, late_working_days__gt=0)
        .exclude(late_reason="")
        .exists()
    )
    assert Task.objects.filter(enhanced=True).exists()
    # One victim with an unsafe-contact history, their phone on hold for review.
    unsafe = ContactAttempt.objects.get(outcome="unsafe_abandoned")
    assert ChannelHold.objects.filter(
        safe_contact__victim=unsafe.victim, channel="phone", decision=""
    ).exists()
    assert ContactAgreement.objects.filter(frequency="every_n_days").exists()
    assert NeedsAssessment.objects.exists() and Referral.objects.filter(status="sent").exists()
    tasks = Task.objects.count()
    seed_desk()
    assert (Case.objects.count(), Task.objects.count()) == (40, tasks)
