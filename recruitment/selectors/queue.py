"""Reads for the programme team's queue: how many applications are at each stage, and the
applications of one stage, longest waiting first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from recruitment.access import application_list_for
from recruitment.models import Application, Outcome, PncCheck, Stage


@dataclass(frozen=True)
class QueueGroup:
    key: str
    label: Any
    q: Q
    is_outcome: bool = False


# The queue's groups, in the order of the process; then the outcomes that end it early.
QUEUE_GROUPS: tuple[QueueGroup, ...] = (
    QueueGroup(Stage.RECEIVED, Stage.RECEIVED.label, Q(stage=Stage.RECEIVED, outcome="")),
    QueueGroup(Stage.SCREENING, Stage.SCREENING.label, Q(stage=Stage.SCREENING, outcome="")),
    QueueGroup(Stage.ONBOARDING, Stage.ONBOARDING.label, Q(stage=Stage.ONBOARDING, outcome="")),
    QueueGroup(Stage.VETTING, Stage.VETTING.label, Q(stage=Stage.VETTING, outcome="")),
    QueueGroup(Stage.PANEL, Stage.PANEL.label, Q(stage=Stage.PANEL, outcome="")),
    QueueGroup(
        Stage.DECIDED,
        _("Accepted: waiting to become members"),
        Q(stage=Stage.DECIDED, outcome=Outcome.ACCEPTED),
    ),
    QueueGroup(Stage.ONBOARDED, Stage.ONBOARDED.label, Q(stage=Stage.ONBOARDED)),
    QueueGroup(
        Outcome.DEFERRED, _("Deferred: get back in touch later"), Q(outcome=Outcome.DEFERRED), True
    ),
    QueueGroup(Outcome.WITHDRAWN, Outcome.WITHDRAWN.label, Q(outcome=Outcome.WITHDRAWN), True),
    QueueGroup(
        Outcome.NOT_ACCEPTED, Outcome.NOT_ACCEPTED.label, Q(outcome=Outcome.NOT_ACCEPTED), True
    ),
)
QUEUE_GROUPS_BY_KEY = {g.key: g for g in QUEUE_GROUPS}


def queue_counts(*, viewer: User) -> dict[str, int]:
    """How many applications the viewer can see in each group (one query)."""
    visible = application_list_for(viewer)
    result = visible.aggregate(**{g.key: Count("pk", filter=g.q) for g in QUEUE_GROUPS})
    return {key: value or 0 for key, value in result.items()}


@dataclass(frozen=True)
class QueueRow:
    application: Application
    days_in_stage: int
    cohorts: list[str]
    has_pnc_check: bool


def queue_rows(*, viewer: User, group: str) -> list[QueueRow]:
    """The applications of one group, longest waiting first, with days in the stage."""
    spec = QUEUE_GROUPS_BY_KEY[group]
    applications = (
        application_list_for(viewer)
        .filter(spec.q)
        .only(
            "pk",
            "reference",
            "stage",
            "stage_changed_at",
            "outcome",
            "get_back_in_touch_on",
            "submitted_at",
            "decided_at",
        )
        .prefetch_related("cohorts")
        .order_by("stage_changed_at", "pk")
    )
    with_checks = (
        set(
            PncCheck.objects.filter(application__in=applications.values("pk")).values_list(
                "application_id", flat=True
            )
        )
        if group == Stage.VETTING
        else set()
    )
    today = timezone.localdate()
    return [
        QueueRow(
            application=a,
            days_in_stage=(today - timezone.localtime(a.stage_changed_at).date()).days,
            cohorts=[c.display_name for c in a.cohorts.all()],
            has_pnc_check=a.pk in with_checks,
        )
        for a in applications
    ]
