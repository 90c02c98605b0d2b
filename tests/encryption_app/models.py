from django.db import models

from lib.fields import EncryptedCharField, EncryptedTextField


class SecretNote(models.Model):
    """Test-only: stands in for any model holding special-category text."""

    label = models.CharField(max_length=40, blank=True)
    body = EncryptedTextField(blank=True, null=True)
    summary = EncryptedCharField(max_length=100, blank=True, default="")

    # Declared so type checkers know it: the app is installed only when DJANGO_ENV=test.
    objects: models.Manager["SecretNote"] = models.Manager()

    def __str__(self) -> str:
        return f"Note {self.pk}"
