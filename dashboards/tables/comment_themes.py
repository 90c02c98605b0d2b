"""The themes found in released comments, and how many comments were read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from dashboards.tables.base import Table, Value, cell_value, distribution_table
from lib.suppression import suppress_count


def themes_table(
    found: Mapping[str, int], themes: Sequence[tuple[str, str]], *, k: int
) -> tuple[Table, Value]:
    comments_read = cell_value(suppress_count(found.get("", 0), k=k))
    items = [(name, found.get(slug, 0)) for slug, name in themes]
    table, _counts = distribution_table(
        "themes",
        _("Themes in comments"),
        _("Theme"),
        items,
        k=k,
        total=False,
        with_share=False,
    )
    table.columns = [_("Comments")]
    table.bar_title = _("Comments")
    table.notes.append(
        _(
            "Released comments only, after redaction and review. A comment can speak of "
            "more than one theme, or of none."
        )
    )
    return table, comments_read
