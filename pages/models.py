from django.db import models
from django.utils.translation import gettext_lazy as _


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    NEITHER = "neither", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")


class ServiceFeedback(models.Model):
    """Feedback about the website itself (not about the police): no name, no contact details.

    The page asks people not to include personal information in their comments.
    """

    satisfaction = models.CharField(max_length=20, choices=Satisfaction.choices)
    comments = models.TextField(blank=True, max_length=1200)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "service feedback"

    def __str__(self) -> str:
        return f"Service feedback {self.pk}"
