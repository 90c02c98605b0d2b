"""The compliance figures of closed months, added up each night (desk/services/rollup.py) so
that a year's report reads tens of thousands of rows instead of millions of tasks
(docs/desk.md §6, desk/measures.py). Counts only: no case, victim or task in a row."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RollupGrouping(models.TextChoices):
    """Which codes a row keeps. One row per combination of every code would be almost as
    many rows as tasks (300 teams x obligations x sex x age band x ethnic group ...), so
    each table of the report is answered by the grouping holding its codes."""

    REASON = "reason", "obligation, late reason"
    TEAM = "team", "obligation, team, borough"
    PEOPLE = "people", "obligation, enhanced rights, age band, sex, ethnic group"


class ComplianceRollup(models.Model):
    """Done tasks due in one month with the same codes and working days late: how many were
    done on time and how many late. Codes outside the row's grouping are blank."""

    month = models.DateField()  # the first day of the month the tasks were due in (London)
    grouping = models.CharField(max_length=8, choices=RollupGrouping.choices)
    obligation = models.CharField(max_length=40)
    team = models.ForeignKey(
        "feedback.Team",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    borough = models.ForeignKey(
        "feedback.Borough",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    enhanced = models.BooleanField(null=True, blank=True)
    age_band = models.CharField(max_length=12, blank=True, default="")
    sex = models.CharField(max_length=12, blank=True, default="")
    ethnic_group = models.CharField(max_length=12, blank=True, default="")
    late_reason = models.CharField(max_length=32, blank=True, default="")
    # The working days late of those done late (None: the on-time ones): the histogram
    # that keeps the median exact.
    late_days = models.PositiveSmallIntegerField(null=True, blank=True)
    on_time = models.PositiveIntegerField(default=0)
    done_late = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["grouping", "month"], name="desk_rollup_grouping_month")]

    def __str__(self) -> str:
        return f"ComplianceRollup {self.month:%Y-%m} {self.grouping}"


class ComplianceRollupBuild(models.Model):
    """The last night's build: which months it holds, and what it saw of the tasks, so a
    report can count live what changed since (desk/measures.py)."""

    built_at = models.DateTimeField(default=timezone.now)
    first_month = models.DateField()
    last_month = models.DateField()
    # The highest task id the build could see: tasks made since have higher ids.
    last_task_id = models.BigIntegerField(default=0)
    # The tasks due in those months still open then: done since, they are counted live.
    open_task_ids = models.JSONField(default=list, blank=True)

    class Meta:
        get_latest_by = "built_at"

    def __str__(self) -> str:
        return f"ComplianceRollupBuild {self.first_month:%Y-%m}..{self.last_month:%Y-%m}"
