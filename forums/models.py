from django.db import models
from django.utils import timezone


class Forum(models.Model):
    """A Victim Voice Forum. The forums issue adds cohorts, capacity, tenure and meetings."""

    name = models.CharField(max_length=200, unique=True)
    facilitating_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="facilitated_forums"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
