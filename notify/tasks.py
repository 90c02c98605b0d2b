"""Background tasks for messages. They take ids only and call services."""

from django_tasks import task

from notify import services


@task()
def deliver_message(message_id: int) -> str:
    """Hand one queued message to the configured backend; returns its status."""
    return services.message_deliver(message_id=message_id)


@task()
def deliver_messages(message_ids: list[int]) -> dict[str, int]:
    """Hand queued messages over one by one (a batch from message_send_many)."""
    return services.message_deliver_many(message_ids=message_ids)


@task()
def retry_due_messages() -> dict[str, int]:
    """Every minute: deliver queued messages due a retry, or whose task never ran."""
    return services.message_retry_due()


@task()
def purge_expired_messages() -> int:
    """Delete messages older than the retention period (nightly); returns how many."""
    return services.message_purge_expired()
