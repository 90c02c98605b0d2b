"""The daily "you said, we did" job (lib/scheduler.py, "feedback loop" section).

Takes no arguments (so no personal data passes through the task queue): it refreshes the
"You said, we did" item on each forum's next meeting, then sends the members' digests
(at most one per member per six weeks; see insights/services/yousaid.py)."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_you_said_we_did() -> dict[str, int]:
    from insights.services import you_said_we_did_agenda_refresh_all, you_said_we_did_digests_send

    items = you_said_we_did_agenda_refresh_all()
    sent = you_said_we_did_digests_send()
    logger.info("You said, we did: %s agenda items refreshed, %s digests sent.", items, sent)
    return {"agenda_items": items, "digests": sent}
