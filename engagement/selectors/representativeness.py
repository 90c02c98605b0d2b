"""Representativeness of the register (docs/engagement.md, "Representativeness"): for each
category, the people on the register through the funnel - registered, invited, took part -
beside the area's Census 2021 shares (engagement.census).

- Registered: on the register now (active or paused; not those who left or never confirmed).
- Invited: registered and invited to at least one opportunity.
- Took part: registered and took part in at least one.

Answers are encrypted, so they are counted in Python, as recruitment's representativeness
report does. "Prefer not to say", "Not given" (and "Outside the area") are rows of their own.
Every count goes through small-number suppression (lib.suppression.suppress_table, the three
funnel columns with their totals), and a percentage is shown only where both its count and
its column's total are shown. The percentages are of everyone in the column, including
those who did not answer; the Census share is of those the Census counted under an answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from engagement import census
from engagement.models import Invitation, InvitationStatus, Participant, ParticipantStatus
from lib.suppression import SuppressedTable, suppress_table

REGISTERED, INVITED, TOOK_PART = "registered", "invited", "took_part"
FUNNEL = (REGISTERED, INVITED, TOOK_PART)
ON_REGISTER = (ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED)


def funnel_labels() -> dict[str, str]:
    return {REGISTERED: _("Registered"), INVITED: _("Invited"), TOOK_PART: _("Took part")}


@dataclass
class Row:
    label: str
    cells: list[Any]  # suppressed Cells, one per funnel column
    shares: list[float | None]  # percentage of the column, when shown
    census: float | None  # percentage of the area's population, when there is a figure


@dataclass
class FieldReport:
    field: str
    label: str
    table: SuppressedTable
    rows: list[Row]
    totals: list[Any]
    has_census: bool


def _counts() -> dict[str, dict[str, Counter[str]]]:
    """{column: {field: Counter(value code)}} over everyone on the register."""
    invited = Invitation.objects.filter(participant=OuterRef("pk"))
    took_part = invited.filter(status=InvitationStatus.TOOK_PART)
    people = (
        Participant.objects.filter(status__in=ON_REGISTER)
        .annotate(was_invited=Exists(invited), took_part=Exists(took_part))
        .only("pk", *census.FIELDS)
    )
    counts = {column: {field: Counter[str]() for field in census.FIELDS} for column in FUNNEL}
    for person in people.iterator(chunk_size=2000):
        values = census.categories_of(person)
        columns = [REGISTERED]
        if person.was_invited:  # type: ignore[attr-defined]
            columns.append(INVITED)
        if person.took_part:  # type: ignore[attr-defined]
            columns.append(TOOK_PART)
        for column in columns:
            for field, value in values.items():
                counts[column][field][value] += 1
    return counts


def field_report(field: str, counts: dict[str, dict[str, Counter[str]]]) -> FieldReport:
    values = census.values_for(field)
    raw: dict[Hashable, dict[Hashable, int]] = {
        v.code: {column: counts[column][field][v.code] for column in FUNNEL} for v in values
    }
    table = suppress_table(raw, columns=list(FUNNEL))
    totals = [table.column_total(column) for column in FUNNEL]
    rows = []
    for value in values:
        cells = [table.cell(value.code, column) for column in FUNNEL]
        shares: list[float | None] = [
            None if cell.value is None or not total.value else cell.value / total.value * 100
            for cell, total in zip(cells, totals, strict=True)
        ]
        share = value.share * 100 if value.share is not None else None
        rows.append(Row(label=value.label, cells=cells, shares=shares, census=share))
    return FieldReport(
        field=field,
        label=census.field_label(field),
        table=table,
        rows=rows,
        totals=totals,
        has_census=any(v.share is not None for v in values),
    )


def representativeness_report() -> list[FieldReport]:
    """One FieldReport per category (engagement.census.FIELDS), in page order."""
    counts = _counts()
    return [field_report(field, counts) for field in census.FIELDS]
