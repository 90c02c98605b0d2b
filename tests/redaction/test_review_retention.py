"""Retention of texts under redaction review (redaction/retention.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from privacy.models import RetentionReceipt
from privacy.purge import purge_expired
from redaction.models import RedactedText, Status
from redaction.services import redaction_prepare, redaction_release

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

TEXT = "Gary Oakes rang from 07700 900123."


def test_a_text_never_reviewed_is_deleted_after_90_days_and_a_receipt_kept():
    start = timezone.now()
    item = redaction_prepare(text=TEXT, purpose="forum_note")
    (inside,) = purge_expired(now=start + timedelta(days=89), rules=["redaction.pending"])
    assert inside.count == 0 and RedactedText.objects.filter(pk=item.pk).exists()
    (receipt,) = purge_expired(now=start + timedelta(days=91), rules=["redaction.pending"])
    assert receipt.count == 1
    assert not RedactedText.objects.filter(pk=item.pk).exists()
    assert RetentionReceipt.objects.get(pk=receipt.pk).completed
    (again,) = purge_expired(now=start + timedelta(days=91), rules=["redaction.pending"])
    assert again.count == 0


def test_a_released_text_is_not_deleted_as_pending(personas):
    item = redaction_prepare(text=TEXT, purpose="forum_note")
    redaction_release(actor=personas["programme_admin"], item=item)
    purge_expired(now=timezone.now() + timedelta(days=400), rules=["redaction.pending"])
    assert RedactedText.objects.filter(pk=item.pk).exists()


def test_a_released_text_keeps_only_its_redacted_version_after_30_days(personas):
    start = timezone.now()
    item = redaction_prepare(text=TEXT, purpose="forum_note")
    released = redaction_release(actor=personas["programme_admin"], item=item)
    key = "redaction.released_originals"
    (inside,) = purge_expired(now=start + timedelta(days=29), rules=[key])
    assert inside.count == 0
    assert RedactedText.objects.get(pk=item.pk).original == TEXT
    (receipt,) = purge_expired(now=start + timedelta(days=31), rules=[key])
    assert receipt.count == 1
    kept = RedactedText.objects.get(pk=item.pk)
    assert kept.original == released == kept.released
    assert "Gary" not in kept.original
    assert kept.spans == [] and kept.status == Status.RELEASED
    (again,) = purge_expired(now=start + timedelta(days=31), rules=[key])
    assert again.count == 0
