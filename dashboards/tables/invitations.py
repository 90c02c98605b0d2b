"""Response rates by invitation channel: invitations sent and responses from them."""

from __future__ import annotations

from collections.abc import Hashable

from django.utils.translation import gettext as _

from dashboards.selectors import DashboardCounts
from dashboards.tables.base import CHANNEL_LABELS, Bar, Row, Table, cell_value, percent, share
from lib.suppression import TOTAL, suppress_counts


def invitations_table(counts: DashboardCounts, *, k: int) -> Table:
    channels = ("sms", "email")
    sent: dict[Hashable, int] = {
        ch: counts.invitations.get(ch, {}).get("sent", 0) for ch in channels
    }
    answered: dict[Hashable, int] = {
        ch: counts.by_channel.get(ch, {}).get("with_invitation", 0) for ch in channels
    }
    sent_cells = suppress_counts(sent, k=k)
    answered_cells = suppress_counts(answered, k=k)
    rows = []
    bars = []
    keys: list[Hashable] = [*channels, TOTAL]
    for ch in keys:
        if ch is TOTAL:
            s, a = sent_cells.total, answered_cells.total
            n_sent, n_answered = sum(sent.values()), sum(answered.values())
            label = _("Total")
        else:
            s, a = sent_cells[ch], answered_cells[ch]
            n_sent, n_answered = sent[ch], answered[ch]
            label = str(CHANNEL_LABELS[str(ch)])
        assert s is not None and a is not None
        rate = None
        if not s.suppressed and not a.suppressed and n_sent >= k and n_answered <= n_sent:
            rate = share(n_answered, n_sent, k)
        rows.append(Row(label, [cell_value(s), cell_value(a), percent(rate)], is_total=ch is TOTAL))
        if ch is not TOTAL:
            bars.append(Bar(label, rate, percent(rate).text))
    return Table(
        slug="response-rates",
        title=_("Response rates by invitation channel"),
        corner=_("Invitation channel"),
        columns=[_("Invitations sent"), _("Responses from an invitation"), _("Response rate")],
        rows=rows,
        bars=bars,
        bar_title=_("Response rate"),
        notes=[
            _(
                "Invitations are counted in the month they were made, responses in the "
                "month they were given."
            )
        ],
    )
