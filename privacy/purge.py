"""The purge: applies every retention rule in privacy/retention.py.

For each rule it selects the ids of expired rows in batches (ORDER BY pk, LIMIT batch,
after the last id seen) and deletes or anonymises each batch in its own short
transaction, so no lock is held for long. The rule's receipt is updated in the same
transaction as each batch: killing the purge midway loses nothing (the receipt stays
"not completed" with the count so far) and running it again finishes the job.

Each rule's run ends with its receipt completed and one RETENTION_PURGED audit event
holding counts only. A dry run changes nothing: it returns unsaved receipts saying what
would go.
"""

from __future__ import annotations

import contextvars
import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.deletion import get_candidate_relations_to_delete
from django.utils import timezone

from lib.storage import delete_with_files
from privacy.audit import audit_record
from privacy.holds import exclude_held
from privacy.models import AuditAction, AuditEvent, RetentionReceipt
from privacy.retention import RetentionRule, registry

logger = logging.getLogger(__name__)

CLOCK = "_retention_clock"
# Small batches, each a short burst of writes (about 0.7 kB of write-ahead log a row, and
# the pages it changes) that the site's own commits must wait behind on the same disk.
# See "Pacing" in docs/retention.md.
DEFAULT_BATCH_SIZE = 100
# The share of the purge's time spent working; the rest it rests between batches (0.1:
# after a batch that took 10 ms, 90 ms of rest). See "Pacing" in docs/retention.md.
DEFAULT_BUSY_SHARE = 0.1

# The cutoff of the rule being applied, for batch functions that need it (the audit log's).
_cutoff: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "retention_cutoff", default=None
)


def expired_queryset(
    rule: RetentionRule, *, now: datetime, run_id: uuid.UUID | None = None
) -> models.QuerySet[Any]:
    """Rows of `rule`'s category past their period at `now`, not under a legal hold,
    annotated with their clock value as `_retention_clock`. The receipts of the run
    `run_id` are never among them (a purge must not remove its own receipts)."""
    model = rule.get_model()
    cutoff = now - rule.period_timedelta()
    queryset = model._base_manager.annotate(**{CLOCK: rule.clock_expression()}).filter(
        **{f"{CLOCK}__lt": cutoff}
    )
    condition = rule.filter_q()
    if condition is not None:
        queryset = queryset.filter(condition)
    if rule.respects_legal_holds:
        queryset = exclude_held(queryset)
    if model is RetentionReceipt and run_id is not None:
        queryset = queryset.exclude(run_id=run_id)
    return queryset


def _batches(
    rule: RetentionRule, *, now: datetime, run_id: uuid.UUID, batch_size: int
) -> Iterator[list[tuple[Any, datetime | None]]]:
    """(pk, clock) of expired rows, batch by batch, in pk order, each batch after the last.

    Selecting afresh for every batch (rather than holding a cursor open) means the caller
    may delete each batch before asking for the next.
    """
    last_pk = None
    while True:
        queryset = expired_queryset(rule, now=now, run_id=run_id)
        if last_pk is not None:
            queryset = queryset.filter(pk__gt=last_pk)
        rows = list(queryset.order_by("pk").values_list("pk", CLOCK)[:batch_size])
        if not rows:
            return
        yield rows
        last_pk = rows[-1][0]


def _fields_to_delete_by(model: type[models.Model]) -> list[str]:
    """The fields a delete of `model`'s rows reads: the primary key, the fields other
    tables' foreign keys point at (for their cascades and SET NULLs) and the file fields
    (their files go too). Not the rest: loading, and decrypting, every column of every
    row was most of the purge's work, and the CPU it took slowed the site's own requests.
    A signal receiver that reads another field still gets it, one query per row."""
    assert model._meta.pk is not None
    names = {model._meta.pk.name}
    relations: list[Any] = list(get_candidate_relations_to_delete(model._meta))
    for relation in relations:
        names.update(field.name for field in relation.field.foreign_related_fields)
    names.update(f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField))
    return sorted(names)


def _apply_batch(rule: RetentionRule, ids: list[Any], *, cutoff: datetime) -> int:
    model = rule.get_model()
    batch = model._base_manager.filter(pk__in=ids)
    if isinstance(rule.clock, str):
        # The clock may have moved since the batch was selected (a session used again).
        batch = batch.filter(**{f"{rule.clock}__lt": cutoff})
    token = _cutoff.set(cutoff)
    try:
        if rule.action == "anonymise":
            assert rule.anonymiser is not None
            return rule.anonymiser(batch)
        if rule.deleter is not None:
            return rule.deleter(batch)
        # The rows and everything cascading from them, with their stored files.
        _, per_model = delete_with_files(batch.only(*_fields_to_delete_by(model)))
        return per_model.get(model._meta.label, 0)
    finally:
        _cutoff.reset(token)


def _relax_commit() -> None:
    """On PostgreSQL, commit this batch without waiting for its WAL to reach the disk.

    A batch lost in a crash just after commit is simply deleted again by the next run
    (the purge is idempotent, and the receipt is in the same transaction), while not
    waiting for each flush keeps the purge from queueing up the site's own commits.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


class _Pacer:
    """Rests after each batch for as long as the work since the last rest took, scaled so
    that work is `busy_share` of the time (1.0: never rests)."""

    def __init__(self, busy_share: float) -> None:
        if not 0 < busy_share <= 1:
            raise ValueError("busy_share is a share of the time: above 0, at most 1.")
        self.rest_per_busy = (1 - busy_share) / busy_share
        self.mark = time.monotonic()

    def rest(self) -> None:
        busy = time.monotonic() - self.mark
        if self.rest_per_busy:
            time.sleep(busy * self.rest_per_busy)
        self.mark = time.monotonic()


def _widen(receipt: RetentionReceipt, clocks: Iterable[datetime | None]) -> None:
    values = [c for c in clocks if c is not None]
    if not values:
        return
    oldest, newest = min(values), max(values)
    if receipt.oldest_clock is None or oldest < receipt.oldest_clock:
        receipt.oldest_clock = oldest
    if receipt.newest_clock is None or newest > receipt.newest_clock:
        receipt.newest_clock = newest


def _new_receipt(rule: RetentionRule, *, run_id: uuid.UUID, dry_run: bool) -> RetentionReceipt:
    return RetentionReceipt(
        run_id=run_id,
        rule=rule.key,
        category=rule.category,
        action=rule.action,
        dry_run=dry_run,
        started_at=timezone.now(),
    )


def _finish(receipt: RetentionReceipt, started: float) -> None:
    receipt.finished_at = timezone.now()
    receipt.duration_ms = int((time.monotonic() - started) * 1000)
    receipt.completed = True


def _clock_datetime(value: Any) -> datetime | None:
    return value if isinstance(value, datetime) else None


def rule_dry_run(
    rule: RetentionRule, *, now: datetime, run_id: uuid.UUID, batch_size: int
) -> RetentionReceipt:
    """What `rule` would remove at `now`, as an unsaved receipt marked dry_run."""
    started = time.monotonic()
    receipt = _new_receipt(rule, run_id=run_id, dry_run=True)
    for rows in _batches(rule, now=now, run_id=run_id, batch_size=max(batch_size, 10_000)):
        receipt.count += len(rows)
        _widen(receipt, (_clock_datetime(clock) for _, clock in rows))
    _finish(receipt, started)
    return receipt


def rule_purge(
    rule: RetentionRule,
    *,
    now: datetime,
    run_id: uuid.UUID,
    batch_size: int,
    busy_share: float = DEFAULT_BUSY_SHARE,
) -> RetentionReceipt:
    """Apply `rule` at `now`, batch by batch, resting between batches, and return its
    completed receipt."""
    pacer = _Pacer(busy_share)
    started = time.monotonic()
    cutoff = now - rule.period_timedelta()
    receipt = _new_receipt(rule, run_id=run_id, dry_run=False)
    receipt.save()
    for rows in _batches(rule, now=now, run_id=run_id, batch_size=batch_size):
        with transaction.atomic():
            _relax_commit()
            done = _apply_batch(rule, [pk for pk, _ in rows], cutoff=cutoff)
            receipt.count += done
            if done:
                _widen(receipt, (_clock_datetime(clock) for _, clock in rows))
            receipt.duration_ms = int((time.monotonic() - started) * 1000)
            receipt.save(update_fields=["count", "oldest_clock", "newest_clock", "duration_ms"])
        pacer.rest()  # the selection of the next batch counts as work too
    with transaction.atomic():
        _finish(receipt, started)
        receipt.save(update_fields=["finished_at", "duration_ms", "completed"])
        verb = "deleted" if rule.action == "delete" else "anonymised"
        audit_record(
            actor=None,
            action=AuditAction.RETENTION_PURGED,
            obj=receipt,
            note=f"{rule.key}: {receipt.count} {verb}",
        )
    logger.info("Retention %s: %s %s in %s ms.", rule.key, verb, receipt.count, receipt.duration_ms)
    return receipt


def purge_expired(
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    rules: Iterable[str] | None = None,
    busy_share: float = DEFAULT_BUSY_SHARE,
) -> list[RetentionReceipt]:
    """Apply every retention rule (or those named in `rules`) at `now`; one receipt each.

    Between batches the purge rests, so that its work takes `busy_share` of its time.
    Safe to kill and re-run. A dry run changes nothing, saves no receipt and never rests.
    """
    now = now or timezone.now()
    run_id = uuid.uuid4()
    selected = [registry.get(key) for key in rules] if rules is not None else registry.rules()
    if dry_run:
        return [
            rule_dry_run(rule, now=now, run_id=run_id, batch_size=batch_size) for rule in selected
        ]
    return [
        rule_purge(rule, now=now, run_id=run_id, batch_size=batch_size, busy_share=busy_share)
        for rule in selected
    ]


# The audit log ---------------------------------------------------------------------------


@contextmanager
def _audit_purge_open(using: str, before: datetime) -> Iterator[None]:
    """Within the current transaction, let DELETE remove audit events older than `before`
    (migration 0004). Ordinary connections still cannot delete anything.

    On an error nothing is reset here: the transaction must then be rolled back (Django
    refuses further queries in it), and the rollback undoes the switch on both databases.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("The audit purge must run inside a transaction.")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL victimvoice.audit_purge = 'on'")
            cursor.execute(
                "SELECT set_config('victimvoice.audit_purge_before', %s, true)",
                [before.isoformat()],
            )
            yield
            cursor.execute("SET LOCAL victimvoice.audit_purge = 'off'")
        elif connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO privacy_audit_purge_control (purge_before) VALUES (%s)",
                [connection.ops.adapt_datetimefield_value(before)],
            )
            yield
            cursor.execute("DELETE FROM privacy_audit_purge_control")
        else:
            raise NotImplementedError(f"No audit purge for {connection.vendor}.")


def audit_delete_batch(queryset: models.QuerySet[Any]) -> int:
    """Delete one batch of expired audit events (the rules' `deleter`).

    The database lets the delete through only for events older than the rule's cutoff.
    """
    before = _cutoff.get()
    if before is None:
        raise RuntimeError("audit_delete_batch runs only inside the purge.")
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    using = queryset.db
    with _audit_purge_open(using, before):
        _, per_model = AuditEvent._base_manager.using(using).filter(pk__in=ids).delete()
    return per_model.get(AuditEvent._meta.label, 0)
