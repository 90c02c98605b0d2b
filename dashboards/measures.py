"""What each count of the rollups means, as a condition on feedback.Response or
feedback.Invitation, and the one function that adds rows up by dimensions in SQL.

The same conditions build the rollup (dashboards/services.py), add up the responses that
arrived since the last run, and give the naive raw counts that tests and the benchmark
compare with: one definition, so the three can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Count, DateField, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from dashboards.models import AGE_BANDS, ANSWERS, ETHNIC_GROUPS, QUESTIONS

DIMENSIONS = ("month", "borough_id", "team_id", "channel")

RESPONSE_MEASURES: dict[str, Q | None] = {
    "responses": None,
    "with_invitation": Q(invitation__isnull=False),
    "with_comment": Q(comment__isnull=False),
    **{f"overall_{n}": Q(overall=n) for n in range(1, 6)},
    **{f"{q}_{a}": Q(**{q: a}) for q in QUESTIONS for a in ANSWERS},
    **{f"age_{band}": Q(age_band=band) for band in AGE_BANDS},
    **{f"ethnic_{group}": Q(ethnic_group=group) for group in ETHNIC_GROUPS},
}
OVERALL = tuple(f"overall_{n}" for n in range(1, 6))
# What the breakdown tables need (the totals need every measure).
BREAKDOWN_MEASURES = ("responses", "with_invitation", *OVERALL)

INVITATION_MEASURES: dict[str, Q | None] = {
    "invitations": None,
    "sent": Q(sent_at__isnull=False),
}


def _counts(measures: Mapping[str, Q | None], names: Iterable[str]) -> dict[str, Any]:
    return {
        name: Count("pk", filter=measures[name]) if measures[name] is not None else Count("pk")
        for name in names
    }


def aggregate_responses(
    queryset: QuerySet[Any], *, by: Sequence[str] = DIMENSIONS, names: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """Responses of `queryset` counted per distinct value of the `by` fields, in SQL."""
    names = list(RESPONSE_MEASURES) if names is None else list(names)
    if not by:
        return [queryset.aggregate(**_counts(RESPONSE_MEASURES, names))]
    rows = queryset.order_by().values(*by).annotate(**_counts(RESPONSE_MEASURES, names))
    return list(rows)


def aggregate_invitations(queryset: QuerySet[Any]) -> list[dict[str, Any]]:
    """Invitations of `queryset` counted per month created, borough, team and channel."""
    rows = (
        queryset.order_by()
        .annotate(
            month=TruncMonth("created_at", output_field=DateField()),
            borough_id=F("team__borough_id"),
        )
        .values("month", "borough_id", "team_id", "channel")
        .annotate(**_counts(INVITATION_MEASURES, INVITATION_MEASURES))
    )
    return list(rows)


def sum_rollup(
    queryset: QuerySet[Any], *, by: Sequence[str], names: Iterable[str]
) -> list[dict[str, Any]]:
    """Rollup rows of `queryset` summed per distinct value of the `by` fields, in SQL."""
    names = list(names)
    if not by:
        totals = queryset.aggregate(**{name: Sum(name) for name in names})
        return [{name: totals[name] or 0 for name in names}]
    rows = queryset.order_by().values(*by).annotate(**{name: Sum(name) for name in names})
    return [{**row, **{name: row[name] or 0 for name in names}} for row in rows]
