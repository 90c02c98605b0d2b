"""Reads for the programme team's pages: the queue by stage, one application, and the
waiting list of accepted members without a forum."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from recruitment.access import applications_visible_to
from recruitment.models import Application, Cohort, Membership, Outcome, PanelView, PncCheck, Stage


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


# Accepted members without a forum: the waiting list ---------------------------------------


def memberships_waiting(*, viewer: User, forum: Any = None) -> list[Membership]:
    """Onboarded members who have no place in a forum yet, longest waiting first.

    With `forum`, those who may be placed in it:
    - a forum run by a partner organisation takes only people who applied to its cohort
      (only they agreed that the partner sees their application);
    - a facilitator sees those who applied to their forum's cohort and those none of whose
      cohorts has a forum (the "General" cohort): nobody else could ever place them;
    - programme admins see everyone the forum may take, whatever cohort they applied to.
    """
    waiting = Membership.objects.filter(
        application__stage=Stage.ONBOARDED, forum_membership__isnull=True
    )
    if forum is not None:
        cohort = forum.cohort
        if cohort is not None and cohort.is_partner_facilitated:
            waiting = waiting.filter(application__cohorts=cohort)
        elif not viewer.has_role(Role.PROGRAMME_ADMIN):
            placeable = Membership.objects.filter(application__cohorts__forums__isnull=False)
            mine = Q(application__cohorts=cohort) if cohort is not None else Q(pk__in=[])
            waiting = waiting.filter(mine | ~Q(pk__in=placeable.values("pk")))
    return list(
        waiting.distinct()
        .select_related("application")
        .prefetch_related("application__cohorts__forums")
        .order_by("started_on", "pk")
    )


def forums_for_membership(*, membership: Membership) -> list[Any]:
    """The forums `membership` may be placed in: every forum the programme runs, and a
    partner-run forum only when they applied to its cohort. Forums for a cohort they
    applied to come first."""
    from forums.models import Forum

    applied = {c.pk for c in membership.application.cohorts.all()}
    forums = Forum.objects.select_related("cohort").order_by("name")
    allowed = [
        f
        for f in forums
        if not (f.cohort and f.cohort.is_partner_facilitated and f.cohort_id not in applied)
    ]
    return sorted(allowed, key=lambda f: f.cohort_id not in applied)


@dataclass(frozen=True)
class WaitingCount:
    cohort: Cohort
    count: int
    forums: int  # how many forums take this cohort (0: nowhere to go but the waiting list)


def waiting_counts(*, memberships: list[Membership]) -> list[WaitingCount]:
    """How many waiting members applied to each cohort (a member who applied to two
    cohorts counts in both), for every cohort offered or asked for."""
    counted: Counter[int] = Counter()
    for membership in memberships:
        counted.update(c.pk for c in membership.application.cohorts.all())
    cohorts = Cohort.objects.filter(Q(active=True) | Q(pk__in=list(counted))).annotate(
        forum_count=Count("forums")
    )
    return [
        WaitingCount(cohort=c, count=counted[c.pk], forums=c.forum_count)  # type: ignore[attr-defined]
        for c in cohorts.order_by("position", "name")
    ]
