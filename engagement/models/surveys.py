"""Surveys built in the product, and their answers (docs/engagement.md, "Surveys").

The question model starts from the public feedback form's (feedback.Question: a key, an
order, a kind, choices as codes with labels): here each question belongs to one
opportunity, carries its English and Welsh words itself, and may be shown only when an
earlier question was answered a certain way.

Answers are anonymous by default: a response is linked to its participant only if they
agreed (`linked`), and every link is removed when the opportunity closes. Free text goes
through redaction review (redaction.RedactedText) before the partner reads it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Choose one")
    MULTIPLE = "multiple", _("Choose any")
    RATING = "rating", _("Rating scale")
    TEXT = "text", _("Free text")


class SurveyQuestion(models.Model):
    opportunity = models.ForeignKey(
        "engagement.Opportunity", on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(max_length=64)
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.TextField()
    text_cy = models.TextField(blank=True, default="")
    hint = models.TextField(blank=True, default="")
    hint_cy = models.TextField(blank=True, default="")
    # Choices: [{"value": "yes", "label": "Yes", "label_cy": "Ie"}]. A rating scale is
    # 1..`scale`, its ends labelled by the first and last choice's labels when given.
    choices = models.JSONField(default=list, blank=True)
    scale = models.PositiveSmallIntegerField(default=5)
    required = models.BooleanField(default=False)
    # Shown only when the answer to `show_if` includes one of `show_if_values`.
    show_if = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    show_if_values = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["opportunity", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "key"], name="engagement_question_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Survey question {self.key}"


class SurveyResponse(models.Model):
    opportunity = models.ForeignKey(
        "engagement.Opportunity", on_delete=models.CASCADE, related_name="responses"
    )
    # Only when they agreed to be linked; cleared when the opportunity is anonymised.
    participant = models.ForeignKey(
        "engagement.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    language = models.CharField(max_length=8, default="en")
    submitted_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Survey response {self.pk}"

    @property
    def linked(self) -> bool:
        return self.participant_id is not None


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    # Choice codes (single: one; multiple: any), or the rating as a number.
    values = models.JSONField(default=list, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.OneToOneField(
        "redaction.RedactedText", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="engagement_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"Survey answer {self.pk}"
