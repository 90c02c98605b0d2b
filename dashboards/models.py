"""Feedback dashboards: pre-added-up counts of post-contact feedback (docs/feedback-dashboards.md).

The dashboards never add up raw responses on a page view: a background job
(dashboards/services.py, every few minutes) adds each new response to one row of
ResponseRollup per (month, borough, team, channel), each invitation to InvitationRollup,
and each released comment's themes to ThemeRollup. Pages sum those rows (a few thousand at
most, against millions of responses) plus the few responses that arrived since the last run.

Nothing here is personal data: counts only, never a comment's words, never an officer
(the officer's own view reads their responses directly, through the (officer, month) index).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

# The counts each ResponseRollup row holds, in the order exports list them. Each is the
# number of responses in the row's (month, borough, team, channel) that ... (see
# dashboards/measures.py for the exact condition of each).
QUESTIONS = ("respect", "listened", "kept_informed", "told_support")
ANSWERS = ("yes", "partly", "no", "not_sure")
AGE_BANDS = ("under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "prefer_not")
ETHNIC_GROUPS = ("asian", "black", "mixed", "white", "other", "prefer_not")


# The rollups a RollupWatermark follows (RollupWatermark.rollup).
RESPONSES = "responses"
INVITATIONS = "invitations"


class RollupWatermark(models.Model):
    """How far a rollup has got: the highest id of the source rows already counted. The
    job moves it with a compare-and-set, so two runs can never count a row twice."""

    rollup = models.CharField(max_length=32, unique=True)
    last_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.rollup} up to {self.last_id}"


class _Dimensions(models.Model):
    month = models.DateField()
    borough = models.ForeignKey("feedback.Borough", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey("feedback.Team", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8)

    class Meta:
        abstract = True


def _count() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(default=0)


class _ResponseCounts(models.Model):
    """The counts of responses a rollup row holds (dashboards/measures.py says what each
    counts)."""

    responses = _count()
    with_invitation = _count()
    with_comment = _count()
    overall_1 = _count()
    overall_2 = _count()
    overall_3 = _count()
    overall_4 = _count()
    overall_5 = _count()
    respect_yes = _count()
    respect_partly = _count()
    respect_no = _count()
    respect_not_sure = _count()
    listened_yes = _count()
    listened_partly = _count()
    listened_no = _count()
    listened_not_sure = _count()
    kept_informed_yes = _count()
    kept_informed_partly = _count()
    kept_informed_no = _count()
    kept_informed_not_sure = _count()
    told_support_yes = _count()
    told_support_partly = _count()
    told_support_no = _count()
    told_support_not_sure = _count()
    age_under_18 = _count()
    age_18_24 = _count()
    age_25_34 = _count()
    age_35_44 = _count()
    age_45_54 = _count()
    age_55_64 = _count()
    age_65_plus = _count()
    age_prefer_not = _count()
    ethnic_asian = _count()
    ethnic_black = _count()
    ethnic_mixed = _count()
    ethnic_white = _count()
    ethnic_other = _count()
    ethnic_prefer_not = _count()

    class Meta:
        abstract = True


class ResponseRollup(_Dimensions, _ResponseCounts):
    """Responses of one month, team and channel, added up."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "borough", "team", "channel"],
                name="dashboards_response_rollup_key",
            )
        ]
        indexes = [models.Index(fields=["borough", "month"], name="dashboards_resp_borough_month")]

    def __str__(self) -> str:
        return f"Responses {self.month:%Y-%m} team {self.team_id} {self.channel}"


class BoroughRollup(_ResponseCounts):
    """The same counts one level up: one month, borough and channel (at most 33 x 4 rows a
    month), for every view that does not choose a team."""

    month = models.DateField()
    borough = models.ForeignKey("feedback.Borough", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "borough", "channel"], name="dashboards_borough_rollup_key"
            )
        ]

    def __str__(self) -> str:
        return f"Responses {self.month:%Y-%m} borough {self.borough_id} {self.channel}"


class InvitationRollup(_Dimensions):
    """Invitations created in one month for one team and channel (SMS or email), and how
    many of them were sent."""

    invitations = _count()
    sent = _count()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "borough", "team", "channel"],
                name="dashboards_invitation_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"Invitations {self.month:%Y-%m} team {self.team_id} {self.channel}"


class ThemeRollup(_Dimensions):
    """Released comments of one month, team and channel that speak of one theme (by its
    slug in the insights theme list). `theme` "" counts every released comment read."""

    theme = models.CharField(max_length=64, blank=True, default="")
    comments = _count()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "borough", "team", "channel", "theme"],
                name="dashboards_theme_rollup_key",
            )
        ]

    def __str__(self) -> str:
        return f"Theme {self.theme or 'all'} {self.month:%Y-%m} team {self.team_id}"


class ClassifiedComment(models.Model):
    """That a response's released comment has been counted in ThemeRollup (once only).
    Holds no text and no theme: only the fact, so re-runs skip it."""

    response = models.OneToOneField(
        "feedback.Response",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="dashboard_classification",
    )
    classified_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Comment of response {self.pk} counted"
