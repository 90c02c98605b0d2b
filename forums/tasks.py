"""Background work of the forums, scheduled in lib/scheduler.py."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_meeting_reminders() -> int:
    """Remind active members of meetings in the next FORUM_REMINDER_DAYS days (once each)."""
    from forums.services import meeting_reminders_send_due

    sent = meeting_reminders_send_due()
    logger.info("Sent %s meeting reminders.", sent)
    return sent
