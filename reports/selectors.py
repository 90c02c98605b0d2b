"""Reads of monthly reports; who may see which is in reports.access."""

from __future__ import annotations

from typing import Any

from reports.access import report_list_for
from reports.models import MonthlyReport

# The list never loads the snapshot or the PDF.
_LIST_FIELDS = ("html", "pdf")


def report_list(*, viewer: Any) -> list[MonthlyReport]:
    return list(report_list_for(viewer).defer(*_LIST_FIELDS))
