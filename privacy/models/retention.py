"""What each retention purge did (privacy.purge, docs/retention.md)."""

from django.db import models
from django.utils import timezone


class RetentionReceipt(models.Model):
    """What one retention rule did in one purge run. Counts and dates only, no personal data."""

    run_id = models.UUIDField(db_index=True)
    rule = models.CharField(max_length=100, db_index=True)
    category = models.CharField(max_length=200)
    action = models.CharField(max_length=20)  # "delete" or "anonymise"
    dry_run = models.BooleanField(default=False)
    count = models.PositiveBigIntegerField(default=0)
    oldest_clock = models.DateTimeField(null=True, blank=True)
    newest_clock = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    completed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "rule"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.count}"
