"""manage.py purge_expired [--dry-run] [--rule KEY] [--busy-share S]: apply the retention
rules now."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from privacy.models import RetentionReceipt
from privacy.purge import DEFAULT_BATCH_SIZE, DEFAULT_BUSY_SHARE, purge_expired
from privacy.retention import registry


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


def receipt_line(receipt: RetentionReceipt) -> str:
    """One line, counts and dates only: what a rule removed (or would remove)."""
    if receipt.dry_run:
        done = f"would {receipt.action} {receipt.count}"
    else:
        done = f"{'deleted' if receipt.action == 'delete' else 'anonymised'} {receipt.count}"
    span = ""
    if receipt.count:
        span = f" (oldest {_when(receipt.oldest_clock)}, newest {_when(receipt.newest_clock)})"
    return f"{receipt.rule} [{receipt.category}]: {done}{span} in {receipt.duration_ms} ms"


class Command(BaseCommand):
    help = "Delete or anonymise data past its retention period (see privacy/retention.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be removed, change nothing and keep no receipt.",
        )
        parser.add_argument(
            "--rule",
            action="append",
            dest="rules",
            metavar="KEY",
            help="Apply only this rule (repeat for more). Default: every rule.",
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--busy-share",
            type=float,
            default=DEFAULT_BUSY_SHARE,
            help=(
                "The share of its time the purge works, resting the rest between batches "
                f"(default {DEFAULT_BUSY_SHARE}; 1 never rests, for a quiet maintenance window)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rules = options["rules"]
        if rules:
            unknown = sorted(set(rules) - set(registry.rule_keys()))
            if unknown:
                raise CommandError(
                    f"No retention rule called {', '.join(unknown)}. "
                    f"Rules: {', '.join(registry.rule_keys())}."
                )
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if not 0 < options["busy_share"] <= 1:
            raise CommandError("--busy-share must be above 0 and at most 1.")
        receipts = purge_expired(
            dry_run=options["dry_run"],
            batch_size=options["batch_size"],
            rules=rules,
            busy_share=options["busy_share"],
        )
        for receipt in receipts:
            self.stdout.write(receipt_line(receipt))
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was changed.")
