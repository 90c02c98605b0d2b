"""Reads for the waiting list: accepted members without a forum, the forums each may be
placed in, and how many wait for each cohort."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from accounts.models import User
from accounts.roles import Role
from recruitment.models import Cohort, Membership, Stage


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
