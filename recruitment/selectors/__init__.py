"""Recruitment's reads, one module per feature: the public side (public.py: open cohorts,
the link to withdraw, equality counts), the programme team's queue (queue.py), the vetting
panel's list (panel.py) and the waiting list of members without a forum (membership.py).
Callers import them from here: `from recruitment import selectors`."""

from recruitment.selectors.membership import (
    WaitingCount,
    forums_for_membership,
    memberships_waiting,
    waiting_counts,
)
from recruitment.selectors.panel import PanelRow, panel_rows
from recruitment.selectors.public import (
    application_for_withdraw_token,
    cohorts_open,
    equality_counts,
)
from recruitment.selectors.queue import (
    QUEUE_GROUPS,
    QUEUE_GROUPS_BY_KEY,
    QueueGroup,
    QueueRow,
    queue_counts,
    queue_rows,
)

__all__ = [
    "QUEUE_GROUPS",
    "QUEUE_GROUPS_BY_KEY",
    "PanelRow",
    "QueueGroup",
    "QueueRow",
    "WaitingCount",
    "application_for_withdraw_token",
    "cohorts_open",
    "equality_counts",
    "forums_for_membership",
    "memberships_waiting",
    "panel_rows",
    "queue_counts",
    "queue_rows",
    "waiting_counts",
]
