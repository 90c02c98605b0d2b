"""The desk's Victims' Code compliance figures, as the page and its CSV and Excel files show
them (docs/desk.md, "Compliance"): a summary per obligation, the late ones by reason, and
breakdowns by borough, team, enhanced rights, age band, sex and ethnic group.

Counts come from desk/measures.py (desk.Task only, never a case or a victim). Everyone but
the desk's supervisors sees them through lib.suppression, one pass for the whole report
(a count hidden in one table is hidden in all); supervisors see exact numbers. Nothing in
a report links to a case: no case, victim or task ids, no crime references."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from dashboards.tables.base import (
    Bar,
    Row,
    Table,
    Value,
    cell_value,
    not_shown,
    percent,
    share,
)
from desk import measures
from desk.access import compliance_suppressed_for, may_see_compliance
from desk.measures import Period
from desk.models import EventKind, LateReason, TaskKind, TimeLimit
from feedback.models import AgeBand, Borough, EthnicGroup, Sex, Team, team_label
from lib.suppression import TOTAL, PageSuppression, default_k, suppress_page

# How far back the period form offers months.
MONTHS_OFFERED = 36
DEFAULT_MONTHS = 12

# The parts of owed, as the tables' columns (they add up to owed, the row total).
PARTS = ("on_time", "done_late", "open_overdue")
REASON_PARTS = ("done_late", "open_overdue")
NOT_RECORDED = ""


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def period_for(first_month: date, last_month: date, *, today: date) -> Period:
    """From the first day of `first_month` to the end of `last_month`, but no later than
    today: a task due later owes nothing yet."""
    return Period(first_month.replace(day=1), min(month_end(last_month), today))


def default_period(today: date) -> Period:
    """The last 12 months, this one included, to today."""
    this_month = today.replace(day=1)
    return period_for(add_months(this_month, -(DEFAULT_MONTHS - 1)), this_month, today=today)


def months_offered(today: date) -> list[date]:
    """The months the period form offers, newest first."""
    this_month = today.replace(day=1)
    return [add_months(this_month, -i) for i in range(MONTHS_OFFERED)]


# Labels ------------------------------------------------------------------------------------


def obligation_labels() -> dict[str, str]:
    """What each obligation code is called, in the order the tables list them."""
    labels: dict[str, str] = {}
    limits = {limit.code: limit for limit in TimeLimit.objects.order_by("effective_from")}
    for kind in EventKind:
        if kind.value in limits:
            labels[kind.value] = _("%(trigger)s (Right %(right)s)") % {
                "trigger": kind.label,
                "right": limits[kind.value].right,
            }
    labels["referral"] = str(TaskKind.REFERRAL.label)
    labels["periodic"] = str(TaskKind.PERIODIC.label)
    labels[TaskKind.ROUTED_SAFEGUARDING.value] = str(TaskKind.ROUTED_SAFEGUARDING.label)
    labels[TaskKind.ROUTED_COMPLAINT.value] = str(TaskKind.ROUTED_COMPLAINT.label)
    for code, limit in limits.items():
        labels.setdefault(code, limit.label)
    return labels


def _choices(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


@dataclass(frozen=True)
class Breakdown:
    slug: str
    code: str  # the desk.Task column
    title: str
    corner: str
    labels: Callable[[list[Any]], dict[Any, str]]
    # Fixed categories listed even when none are owed (None: only those found).
    fixed: bool = False


def _not_recorded_last(found: list[Any], labels: Mapping[Any, str]) -> dict[Any, str]:
    """`labels` in their order, then "Not recorded" when tasks with no code were found."""
    out = dict(labels)
    for empty in (NOT_RECORDED, None):
        if empty in found:
            out[empty] = _("Not recorded")
    return out


def _borough_labels(found: list[Any]) -> dict[Any, str]:
    names = dict(
        Borough.objects.filter(pk__in=[k for k in found if k])
        .order_by("name")
        .values_list("pk", "name")
    )
    return _not_recorded_last(found, names)


def _team_labels(found: list[Any]) -> dict[Any, str]:
    teams = (
        Team.objects.filter(pk__in=[k for k in found if k])
        .select_related("borough")
        .order_by("name", "pk")
    )
    names = {
        team.pk: team_label(team.name, team.borough.name if team.borough else "") for team in teams
    }
    return _not_recorded_last(found, names)


def _fixed(choices: Any) -> Callable[[list[Any]], dict[Any, str]]:
    def labels(found: list[Any]) -> dict[Any, str]:
        return _not_recorded_last(found, _choices(choices))

    return labels


def _enhanced_labels(found: list[Any]) -> dict[Any, str]:
    return {True: _("Yes"), False: _("No")}


def breakdowns() -> list[Breakdown]:
    return [
        Breakdown("borough", "borough_id", _("By borough"), _("Borough"), _borough_labels),
        Breakdown("team", "team_id", _("By team"), _("Team"), _team_labels),
        Breakdown(
            "enhanced",
            "enhanced",
            _("By enhanced rights"),
            _("Enhanced rights"),
            _enhanced_labels,
            fixed=True,
        ),
        Breakdown(
            "age_band", "age_band", _("By age band"), _("Age band"), _fixed(AgeBand), fixed=True
        ),
        Breakdown("sex", "sex", _("By sex"), _("Sex"), _fixed(Sex), fixed=True),
        Breakdown(
            "ethnic_group",
            "ethnic_group",
            _("By ethnic group"),
            _("Ethnic group"),
            _fixed(EthnicGroup),
            fixed=True,
        ),
    ]


# The report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """The raw figures of a period: per obligation, per breakdown and the late by reason."""

    period: Period
    by_obligation: list[dict[str, Any]]
    total: dict[str, Any]
    by: dict[str, list[dict[str, Any]]]
    reasons: list[dict[str, Any]]


def compliance_counts(*, period: Period, now: datetime | None = None) -> Counts:
    """Every count the report shows (desk/measures.py): the closed months from the nightly
    rollup, the rest counted live from the tasks, the same figures either way."""
    now = now or timezone.now()
    tables = breakdowns()
    found, reasons = measures.report_figures(
        period, now=now, bys=[["obligation"], [], *[[b.code] for b in tables]]
    )
    by_obligation, total, *by = found
    return Counts(
        period=period,
        by_obligation=by_obligation,
        total=total[0],
        by={b.slug: rows for b, rows in zip(tables, by, strict=True)},
        reasons=reasons,
    )


@dataclass
class ComplianceReport:
    period: Period
    suppressed: bool
    k: int
    owed: Value
    on_time_share: Value
    summary: Table
    reasons: Table
    breakdowns: list[Table]

    @property
    def tables(self) -> list[Table]:
        return [self.summary, self.reasons, *self.breakdowns]


def _columns() -> list[str]:
    return [
        _("Owed"),
        _("Done on time"),
        _("Done late"),
        _("Still open and overdue"),
        _("Done on time (%)"),
        _("Median working days late, of those done late"),
    ]


def _median(row: Mapping[str, Any], late_cell: Any, *, k: int) -> Value:
    """The median working days late: not a count of people, shown when k or more tasks
    done late make it and their count is shown."""
    if late_cell.suppressed:
        return not_shown()
    if row["done_late"] == 0:
        return Value(_("none late"))
    if row["done_late"] < k or row["median_late"] is None:
        return not_shown()
    value = row["median_late"]
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return Value(text, value)


def _figures_table(
    linked: PageSuppression,
    *,
    slug: str,
    title: str,
    corner: str,
    rows: Sequence[tuple[Hashable, str, Mapping[str, Any]]],
    total: Mapping[str, Any],
    k: int,
) -> Table:
    """Owed, its three parts, the share on time and the median lateness, per row and in
    total; the chart shows the share on time."""
    counts: dict[Hashable, Mapping[Hashable, int]] = {
        key: {part: int(row[part]) for part in PARTS} for key, _label, row in rows
    }

    def keys(position: tuple[Hashable, Hashable]) -> Hashable | None:
        row, column = position
        # The totals are the same figures in every table: hidden in one, hidden in all.
        return ("all", column) if row is TOTAL else None

    table = linked.table(counts, keys=keys, columns=PARTS)
    out: list[Row] = []
    bars: list[Bar] = []
    for key, label, row in [*rows, (TOTAL, _("Total"), total)]:
        owed = table.row_total(key) if key is not TOTAL else table.grand_total
        parts = [table.cell(key, part) for part in PARTS]
        on_time = None
        if not owed.suppressed and not parts[0].suppressed:
            on_time = share(row["on_time"], row["owed"], k)
        values = [cell_value(owed), *[cell_value(c) for c in parts], percent(on_time)]
        values.append(_median(row, parts[1], k=k))
        out.append(Row(label, values, is_total=key is TOTAL))
        if key is not TOTAL:
            bars.append(Bar(label, on_time, percent(on_time).text))
    return Table(
        slug=slug,
        title=title,
        corner=corner,
        columns=_columns(),
        rows=out,
        bars=bars,
        bar_title=_("Done on time (%)"),
    )


def _reasons_table(linked: PageSuppression, counts: Counts) -> Table:
    by_reason = {row["late_reason"]: row for row in counts.reasons}
    labels = {**_choices(LateReason), "": _("Not given")}
    labels |= {code: code for code in by_reason if code not in labels}
    rows: dict[Hashable, Mapping[Hashable, int]] = {
        code: {part: by_reason.get(code, {}).get(part, 0) for part in REASON_PARTS}
        for code in labels
        if code in by_reason or code != ""
    }

    def keys(position: tuple[Hashable, Hashable]) -> Hashable | None:
        row, column = position
        if row is TOTAL and column is not TOTAL:
            return ("all", column)
        return None

    table = linked.table(rows, keys=keys, columns=REASON_PARTS)
    out = []
    for key, cells in table.display_rows():
        label = _("Total") if key is TOTAL else labels[cast(str, key)]
        out.append(Row(label, [cell_value(c) for c in cells], is_total=key is TOTAL))
    return Table(
        slug="reasons",
        title=_("Why tasks were late"),
        corner=_("Reason"),
        columns=[_("Done late"), _("Still open and overdue"), _("Total late")],
        rows=out,
    )


def build_report(counts: Counts, *, suppressed: bool, k: int | None = None) -> ComplianceReport:
    """The report's tables from `counts`, through one suppression pass when `suppressed`."""
    k = (default_k() if k is None else k) if suppressed else 1
    labels = obligation_labels()
    found = [row["obligation"] for row in counts.by_obligation]
    order = [code for code in labels if code in found] + [c for c in found if c not in labels]
    by_obligation = {row["obligation"]: row for row in counts.by_obligation}

    def build(linked: PageSuppression) -> ComplianceReport:
        summary = _figures_table(
            linked,
            slug="obligations",
            title=_("Each obligation"),
            corner=_("What the victim was owed"),
            rows=[(code, labels.get(code) or code, by_obligation[code]) for code in order],
            total=counts.total,
            k=k,
        )
        tables = []
        for breakdown in breakdowns():
            rows = counts.by[breakdown.slug]
            by_key = {row[breakdown.code]: row for row in rows}
            names = breakdown.labels(list(by_key))
            keys = list(names) if breakdown.fixed else [key for key in names if key in by_key]
            keys += [key for key in by_key if key not in names]
            empty = {name: 0 for name in measures.COUNTS} | {"median_late": None}
            tables.append(
                _figures_table(
                    linked,
                    slug=breakdown.slug,
                    title=breakdown.title,
                    corner=breakdown.corner,
                    rows=[
                        (key, names.get(key) or _("Not recorded"), by_key.get(key, empty))
                        for key in keys
                    ],
                    total=counts.total,
                    k=k,
                )
            )
        owed = linked.count(counts.total["owed"], key=("all", TOTAL))
        on_time_cell = linked.count(counts.total["on_time"], key=("all", "on_time"))
        on_time = None
        if not owed.suppressed and not on_time_cell.suppressed:
            on_time = share(counts.total["on_time"], counts.total["owed"], k)
        return ComplianceReport(
            period=counts.period,
            suppressed=suppressed,
            k=k,
            owed=cell_value(owed),
            on_time_share=percent(on_time),
            summary=summary,
            reasons=_reasons_table(linked, counts),
            breakdowns=tables,
        )

    return suppress_page(build, k=k)


def compliance_report(
    *, viewer: Any, period: Period, now: datetime | None = None
) -> ComplianceReport:
    """The report for `viewer`: suppressed unless they supervise the desk."""
    require(may_see_compliance(viewer))
    return build_report(
        compliance_counts(period=period, now=now), suppressed=compliance_suppressed_for(viewer)
    )
