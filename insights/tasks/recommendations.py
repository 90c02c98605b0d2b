"""Background work of the feedback loop, scheduled in lib/scheduler.py."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_overdue_summary() -> int:
    """Each morning: email the Head of Profession the counts of recommendations overdue a
    police response (nothing when none is overdue). Safe to re-run."""
    from insights.services import overdue_summary_send

    sent = overdue_summary_send()
    logger.info("Sent %s overdue recommendation summaries.", sent)
    return sent
