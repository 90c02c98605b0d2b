"""Reads for the programme team's pages: the queue by stage and one application."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from recruitment.access import applications_visible_to
from recruitment.models import Application, Outcome, Stage
from recruitment.models_vetting import PanelView, PncCheck


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
    visible = applications_visible_to(viewer)
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
        applications_visible_to(viewer)
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


@dataclass(frozen=True)
class PanelRow:
    application: Application
    days_at_panel: int
    seats_filled: int
    my_view_recorded: bool


def panel_rows(*, member: User, applications: QuerySet[Application]) -> list[PanelRow]:
    today = timezone.localdate()
    apps = list(
        applications.only("pk", "reference", "stage_changed_at").order_by("stage_changed_at", "pk")
    )
    views = PanelView.objects.filter(application__in=[a.pk for a in apps]).values_list(
        "application_id", "member_id", "conflict_of_interest"
    )
    filled: dict[int, int] = {}
    mine: set[int] = set()
    for application_id, member_id, conflict in views:
        if not conflict:
            filled[application_id] = filled.get(application_id, 0) + 1
        if member_id == member.pk:
            mine.add(application_id)
    return [
        PanelRow(
            application=a,
            days_at_panel=(today - timezone.localtime(a.stage_changed_at).date()).days,
            seats_filled=filled.get(a.pk, 0),
            my_view_recorded=a.pk in mine,
        )
        for a in apps
    ]
