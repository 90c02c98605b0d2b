"""Representativeness: who applies, who is accepted and who becomes a member, beside the
area's Census 2021 population, per forum and overall (docs/vetting.md).

The answers are encrypted, so they are counted in Python (recruitment.selectors.
equality_counts). Every count goes through small-number suppression
(lib.suppression.suppress_table: applicants, accepted and members as columns), and a
percentage is shown only where both its count and its column total are shown.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.suppression import SuppressedTable, suppress_table
from recruitment.models import Application, Cohort, Outcome, Stage
from recruitment.reference import census
from recruitment.reference.equality import (
    ETHNIC_GROUPS,
    PREFER_NOT_TO_SAY,
    PREFER_NOT_TO_SAY_LABEL,
    QUESTIONS,
)
from recruitment.selectors import equality_counts

FIELDS = ("ethnic_group", "disability", "sexual_orientation", "gender_identity", "age_band")
FIELD_LABELS = {
    "ethnic_group": gettext_lazy("Ethnic group"),
    "disability": gettext_lazy("Disability"),
    "sexual_orientation": gettext_lazy("Sexual orientation"),
    "gender_identity": gettext_lazy("Gender identity"),
    "age_band": gettext_lazy("Age"),
}
APPLICANTS, ACCEPTED, MEMBERS = "applicants", "accepted", "members"
FUNNEL = (APPLICANTS, ACCEPTED, MEMBERS)
NOT_ANSWERED = "not_answered"


def funnel_labels() -> dict[str, str]:
    return {APPLICANTS: _("Applicants"), ACCEPTED: _("Accepted"), MEMBERS: _("Members")}


@dataclass(frozen=True)
class Category:
    key: str  # the count key in equality_counts
    label: str
    census_category: str


def categories(field: str) -> list[Category]:
    if field == "ethnic_group":
        answers = [
            Category(f"group:{a.code}", str(a.label), a.census_category) for a in ETHNIC_GROUPS
        ]
    else:
        answers = [Category(a.code, str(a.label), a.census_category) for a in QUESTIONS[field]]
    return [
        *answers,
        Category(PREFER_NOT_TO_SAY, str(PREFER_NOT_TO_SAY_LABEL), ""),
        Category(NOT_ANSWERED, _("Not answered"), ""),
    ]


@dataclass
class Row:
    label: str
    cells: list[Any]  # suppressed Cells, one per funnel column
    shares: list[float | None]  # percentage of the column, when shown
    census: float | None


@dataclass
class FieldReport:
    field: str
    label: str
    table: SuppressedTable
    rows: list[Row]
    totals: list[Any]
    has_census: bool

    def chart(self) -> dict[str, Any]:
        """Geometry of a horizontal grouped bar chart (SVG drawn by the template)."""
        series = [
            *funnel_labels().values(),
            _("%(area)s population") % {"area": census.area_name()},
        ]
        bar, gap, label_width, scale_width = 16, 18, 330, 470
        groups = []
        y = 40
        for row in self.rows:
            bars = []
            values = [*row.shares, row.census if self.has_census else None]
            for i, value in enumerate(values):
                bars.append(
                    {
                        "series": i,
                        "y": y + i * bar,
                        "width": round((value or 0) / 100 * scale_width, 1),
                        "value": value,
                        "text": f"{value:.0f}%" if value is not None else "",
                    }
                )
            groups.append({"label": row.label, "y": y, "bars": bars})
            y += bar * len(values) + gap
        return {
            "series": series,
            "groups": groups,
            "height": y + 10,
            "label_width": label_width,
            "scale_width": scale_width,
            "bar": bar,
            "width": label_width + scale_width + 60,
        }


def _counts_by_stage(applications: list[Application]) -> dict[str, dict[str, Any]]:
    accepted = [a for a in applications if a.outcome == Outcome.ACCEPTED]
    members = [a for a in applications if a.stage == Stage.ONBOARDED]
    return {
        APPLICANTS: equality_counts(applications=applications),
        ACCEPTED: equality_counts(applications=accepted),
        MEMBERS: equality_counts(applications=members),
    }


def field_report(field: str, counts: dict[str, dict[str, Any]]) -> FieldReport:
    cats = categories(field)
    raw: dict[Hashable, dict[Hashable, int]] = {
        c.label: {
            column: counts[column][field][c.key if c.key != NOT_ANSWERED else ""]
            for column in FUNNEL
        }
        for c in cats
    }
    table = suppress_table(raw, columns=list(FUNNEL))
    totals = [table.column_total(column) for column in FUNNEL]
    rows = []
    has_census = False
    for c in cats:
        cells = [table.cell(c.label, column) for column in FUNNEL]
        shares: list[float | None] = []
        for cell, total in zip(cells, totals, strict=True):
            if cell.value is None or not total.value:
                shares.append(None)
            else:
                shares.append(cell.value / total.value * 100)
        share = census.population_share(field, c.census_category)
        has_census = has_census or share is not None
        rows.append(Row(label=c.label, cells=cells, shares=shares, census=share))
    return FieldReport(
        field=field,
        label=str(FIELD_LABELS[field]),
        table=table,
        rows=rows,
        totals=totals,
        has_census=has_census,
    )


def representativeness_report(*, cohort: Cohort | None = None) -> list[FieldReport]:
    """One FieldReport per equality question for `cohort`'s applications (all if None)."""
    applications = Application.objects.all()
    if cohort is not None:
        applications = applications.filter(cohorts=cohort)
    loaded = list(
        applications.only(
            "pk", "stage", "outcome", "equality_answered", *(f for f in FIELDS), "borough"
        )
    )
    counts = _counts_by_stage(loaded)
    return [field_report(field, counts) for field in FIELDS]
