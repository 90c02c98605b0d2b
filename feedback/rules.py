"""Who may do what with feedback, and the form's rules (docs/feedback.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.roles import Role

# Who works the queue of routed comments (safeguarding risks and complaints).
ROUTED_QUEUE_ROLES = (Role.DESK_AGENT,)

# A form sent back faster than this is a soft signal of automation: it is not refused,
# but such sends share a much smaller hourly allowance (FAST_SUBMITS_PER_HOUR).
MIN_FILL_SECONDS = 3
FAST_SUBMITS_PER_HOUR = 3


def check_can_see_routed(viewer: Any) -> None:
    if not getattr(viewer, "is_authenticated", False) or not viewer.has_role(*ROUTED_QUEUE_ROLES):
        raise PermissionDenied
