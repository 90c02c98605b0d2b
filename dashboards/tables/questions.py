"""The answers to each question (yes, partly, no, not sure, not answered)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from django.utils.translation import gettext as _

from dashboards.models import ANSWERS, QUESTIONS
from dashboards.tables.base import (
    ANSWER_LABELS,
    QUESTION_LABELS,
    Bar,
    Row,
    Scope,
    Table,
    cell_value,
    percent,
    share,
)
from lib.suppression import TOTAL, PageSuppression


def questions_table(
    totals: Mapping[str, int],
    *,
    k: int,
    linked: PageSuppression | None = None,
    scope: Scope | None = None,
) -> Table:
    linked = linked if linked is not None else PageSuppression(k)
    responses = totals["responses"]
    columns = [str(ANSWER_LABELS[a]) for a in (*ANSWERS, "")]
    rows = []
    bars = []
    for q in QUESTIONS:
        answered: dict[Hashable, int] = {a: totals[f"{q}_{a}"] for a in ANSWERS}
        answered[""] = responses - sum(answered.values())

        def keys(answer: Hashable, q: str = q) -> Hashable | None:
            if scope is None:
                return None
            return (scope, TOTAL) if answer is TOTAL else (scope, ("q", q, answer))

        cells = linked.counts(answered, keys=keys)
        values = [cell_value(cells[a]) for a in (*ANSWERS, "")]
        assert cells.total is not None
        values.append(cell_value(cells.total))
        yes = None
        if not cells["yes"].suppressed and not cells.total.suppressed:
            yes = share(answered["yes"], responses, k)
        values.append(percent(yes))
        rows.append(Row(str(QUESTION_LABELS[q]), values))
        bars.append(Bar(str(QUESTION_LABELS[q]), yes, percent(yes).text))
    return Table(
        slug="questions",
        title=_("Answers to each question"),
        corner=_("Question"),
        columns=[*columns, _("Total"), _("Yes")],
        rows=rows,
        bars=bars,
        bar_title=_("Yes"),
    )
