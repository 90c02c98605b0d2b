"""Subject requests: each app's provider finds, exports and erases one person's data.

Work in progress: the full interface lands in the next commit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q


class _Registry:
    def __init__(self) -> None:
        self.providers: list[Any] = []

    def extra_held_q(self, model: Any) -> list[Q]:
        return []


registry = _Registry()
