"""The desk's background jobs (django-tasks; scheduled in lib/scheduler.py)."""

from __future__ import annotations

from django_tasks import task

from desk.services.rollup import compliance_rollup_build


@task()
def build_compliance_rollup() -> dict[str, object]:
    """Nightly: rebuild the compliance rollup of the closed months (desk/services/rollup.py)."""
    result = compliance_rollup_build()
    return {
        "first_month": result.first_month.isoformat(),
        "last_month": result.last_month.isoformat(),
        "rows": result.rows,
        "open_tasks": result.open_tasks,
    }
