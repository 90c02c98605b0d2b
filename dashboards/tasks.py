"""Background work of the feedback dashboards, scheduled in lib/scheduler.py."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def refresh_rollups() -> dict[str, int]:
    """Count new responses, settled invitations and released comments into the
    dashboard rollups (dashboards/services.py). Safe to re-run; a missed run is caught up."""
    from dashboards.services import rollup_refresh

    result = rollup_refresh()
    logger.info(
        "Dashboard rollups: %s responses, %s invitations, %s comments added.",
        result.responses,
        result.invitations,
        result.comments,
    )
    return {
        "responses": result.responses,
        "invitations": result.invitations,
        "comments": result.comments,
    }
