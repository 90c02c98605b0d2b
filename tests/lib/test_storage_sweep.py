"""On the local disk (FILE_STORAGE=local, a single server): the nightly purge deletes the
files of what it deletes, and the sweep finds files no record points at (lib/storage.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from expenses.models import ExpenseClaim
from forums import services as forums
from lib.storage import file_storage, orphaned_files, orphaned_files_delete
from privacy.purge import purge_expired
from tests.forums.test_forums_services import forum_a, future_meeting
from tests.portal.fixtures import claim as make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": file_storage("local")}
    return tmp_path


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_claim_deleted_at_the_end_of_the_financial_period_takes_its_receipt_off_the_disk(
    media: Path, personas: dict[str, Any], settings: Any
) -> None:
    claim = make_claim(personas)
    assert _files(media) == [claim.receipt.name]
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        created_at=timezone.now() - timedelta(days=settings.EXPENSES_RETENTION_DAYS + 1)
    )
    purge_expired(rules=["expenses.claims"])
    assert not ExpenseClaim.objects.filter(pk=claim.pk).exists()
    assert _files(media) == []


def test_the_sweep_deletes_only_day_old_files_no_record_points_at(
    media: Path, personas: dict[str, Any]
) -> None:
    admin = personas["programme_admin"]
    meeting = future_meeting(forum_a(personas), admin)
    item = forums.agenda_item_propose(actor=admin, meeting=meeting, title="Doc", detail="")
    kept = forums.agenda_document_add(
        actor=admin, item=item, upload=SimpleUploadedFile("kept.pdf", b"%PDF-1.4 kept")
    ).file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        orphan = forums.agenda_document_add(
            actor=admin, item=item, upload=SimpleUploadedFile("lost.pdf", b"%PDF-1.4 lost")
        ).file.name
        raise RuntimeError("the transaction failed after the file was written")
    (media / "notes.txt").write_text("not the product's: outside its folders")
    assert orphaned_files(now=timezone.now()) == []  # too young to be sure
    assert orphaned_files_delete(now=timezone.now() + timedelta(days=2)) == 1
    assert _files(media) == sorted([kept, "notes.txt"])
    assert orphan not in _files(media)
