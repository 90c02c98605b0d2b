"""Background tasks for privacy work. Scheduled in lib/scheduler.py."""

from django_tasks import task

from privacy.purge import purge_expired as purge


@task()
def purge_expired() -> dict[str, int]:
    """Apply every retention rule (nightly); returns how many records each rule removed."""
    return {receipt.rule: receipt.count for receipt in purge()}
