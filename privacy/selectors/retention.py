"""Reads for the retention pages: the purge receipts."""

from django.db.models import OuterRef, QuerySet, Subquery

from privacy.models import RetentionReceipt


def retention_receipt_list() -> QuerySet[RetentionReceipt]:
    """Receipts of real (not dry) runs, each with `run_started`, the start of its run:
    newest run first and, within a run, the rules in the schedule's order."""
    run_started = (
        RetentionReceipt.objects.filter(run_id=OuterRef("run_id"))
        .order_by("started_at")
        .values("started_at")[:1]
    )
    return (
        RetentionReceipt.objects.filter(dry_run=False)
        .annotate(run_started=Subquery(run_started))
        .order_by("-run_started", "run_id", "rule", "id")
    )
