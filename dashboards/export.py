"""The dashboard's tables as rows for CSV and Excel, and its filters in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from dashboards.tables import CHANNEL_LABELS, Table


def table_rows_for_export(table: Table) -> list[list[Any]]:
    """A table as rows of cells for CSV or Excel: numbers where shown, else the words."""
    rows: list[list[Any]] = [[table.title], [table.corner, *table.columns]]
    for row in table.rows:
        rows.append(
            [row.label, *[v.number if v.number is not None else v.text for v in row.values]]
        )
    rows += [[note] for note in table.notes]
    return rows


def filters_text(filters: Any, boroughs: Sequence[Any], teams: Sequence[Any]) -> str:
    """The filters in words, for the top of an export."""
    from dashboards.filters import month_text

    names = {b["pk"]: b["name"] for b in boroughs}
    team_names = {t["pk"]: t["name"] for t in teams}
    parts = [
        _("From: %(month)s") % {"month": month_text(filters.month_from) or _("the start")},
        _("To: %(month)s") % {"month": month_text(filters.month_to) or _("the latest")},
        _("Borough: %(name)s") % {"name": names.get(filters.borough_id, _("all"))},
        _("Team: %(name)s") % {"name": team_names.get(filters.team_id, _("all"))},
        _("Channel: %(name)s")
        % {"name": CHANNEL_LABELS[filters.channel] if filters.channel else _("all")},
    ]
    if filters.compare_id is not None:
        parts.append(_("Compared with: %(name)s") % {"name": names.get(filters.compare_id, "")})
    return _("Post-contact feedback dashboard. ") + "; ".join(str(p) for p in parts)
