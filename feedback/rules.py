"""The feedback form's rules (docs/feedback.md). Who may see what is in feedback.access."""

from __future__ import annotations

# A form sent back faster than this is a soft signal of automation: it is not refused,
# but such sends share a much smaller hourly allowance (FAST_SUBMITS_PER_HOUR).
MIN_FILL_SECONDS = 3
FAST_SUBMITS_PER_HOUR = 3
