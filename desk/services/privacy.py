"""Erasing a victim's identity from the desk on a subject's request (desk/subject_data.py).

Erasure anonymises rather than deletes: the updates owed and given stay, without anyone's
identity, so the desk's compliance figures still count them (docs/desk.md §5)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from desk.audit_events import VICTIM_ERASED
from desk.models import Task, TaskStatus, Victim
from privacy.audit import audit_record
from safecontact.models import SafeContact


@transaction.atomic
def victim_erase(*, actor: Any, victim: Victim) -> int:
    """Remove the victim's identity, contact details, nominee, safe contacts and the words of
    the contact log; cancel their open tasks. Returns how many tasks were cancelled."""
    victim = Victim.objects.select_for_update().get(pk=victim.pk)
    victim.full_name = ""
    victim.date_of_birth = None
    victim.postcode = ""
    victim.postcode_digest = ""
    victim.dob_digest = ""
    victim.sex = ""
    victim.ethnic_group = ""
    victim.nominee_name = ""
    victim.nominee_relationship = ""
    victim.erased_at = timezone.now()
    victim.save()
    SafeContact.objects.filter(victim=victim).delete()
    SafeContact.objects.filter(nominee_of=victim).delete()
    victim.contacts.update(summary="")
    victim.assessments.update(notes="")
    victim.grounds.update(reason="")
    cancelled = Task.objects.filter(victim=victim, status=TaskStatus.OPEN).update(
        status=TaskStatus.CANCELLED, cancelled_reason="erased", claimed_by=None
    )
    audit_record(
        actor=actor, action=VICTIM_ERASED, obj=victim, fields={"tasks_cancelled": cancelled}
    )
    return cancelled
