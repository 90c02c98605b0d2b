"""The k rule for one count: a Cell as shown, TOTAL (the key of a total) and k itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext


class _Total:
    """The key of a total in positions: (row, TOTAL), (TOTAL, column), (TOTAL, TOTAL)."""

    _instance: _Total | None = None

    def __new__(cls) -> _Total:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "TOTAL"

    def __reduce__(self) -> str:
        return "TOTAL"


TOTAL: Any = _Total()


def default_k() -> int:
    k = int(getattr(settings, "SUPPRESSION_K", 5))
    if k < 1:
        raise ValueError("SUPPRESSION_K must be 1 or more.")
    return k


@dataclass(frozen=True)
class Cell:
    """One count as shown: `value` is None when suppressed, so a page cannot show it."""

    value: int | None
    suppressed: bool
    k: int

    @property
    def display(self) -> str:
        if self.suppressed:
            return _fewer_than(self.k)
        return f"{self.value:,}"

    def __str__(self) -> str:
        return self.display


def _fewer_than(k: int) -> str:
    return gettext("fewer than %(k)s") % {"k": k}


def check_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Counts must be whole numbers of 0 or more, not {value!r}.")
    return value


def suppress_count(value: int, *, k: int | None = None) -> Cell:
    """One count on its own, with no total or breakdown shown anywhere: primary suppression."""
    k = default_k() if k is None else k
    value = check_count(value)
    hidden = 0 < value < k
    return Cell(value=None if hidden else value, suppressed=hidden, k=k)


def count_display(value: Cell | int, k: int | None = None) -> str:
    """The Jinja filter `suppressed`: a Cell's display text, or a lone count suppressed."""
    if isinstance(value, Cell):
        return value.display
    return suppress_count(value, k=k).display
