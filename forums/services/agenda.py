"""Writes about the agenda: proposing items, the facilitator's decisions (accept, defer to the
next meeting, merge), publishing it to the forum, and documents for appraisal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from forums import audit_events as events
from forums import rules
from forums.access import agenda_item_visible, forum_role_of, may_manage_forum, meeting_access
from forums.models import AgendaDocument, AgendaItem, AgendaItemStatus, Meeting
from forums.services.common import active_members, tell, upload_head
from lib.rules import RuleBroken
from privacy.audit import audit_record
from privacy.audit_events import EventType


@transaction.atomic
def agenda_item_propose(
    *, actor: User, meeting: Meeting, title: str, detail: str, content_note: str = ""
) -> AgendaItem:
    """Propose an item for a meeting's agenda: a member of the forum (from the portal), the
    police or oversight body representative, or a facilitator. Facilitators' items are
    accepted at once; others wait for the facilitator."""
    can_manage, kind, membership = forum_role_of(actor, meeting.forum)
    if kind is None:
        raise PermissionDenied
    rules.check_proposal_open(meeting)
    title = title.strip()
    if not title:
        raise RuleBroken("Enter a title for the item.")
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title[:200],
        detail=detail.strip(),
        content_note=content_note.strip(),
        proposer_kind=kind,
        proposed_by=actor,
        position=position,
        status=AgendaItemStatus.ACCEPTED if can_manage else AgendaItemStatus.PROPOSED,
        decided_by=actor if can_manage else None,
        decided_at=timezone.now() if can_manage else None,
    )
    audit_record(
        actor=actor,
        action=events.AGENDA_ITEM_PROPOSED,
        obj=item,
        fields=["title", "detail", "content_note"],
        note=f"agenda item proposed by {kind}",
    )
    return item


def _decide(
    item: AgendaItem, actor: User, status: str, note: str, event: EventType, **extra: Any
) -> AgendaItem:
    require(may_manage_forum(actor, item.meeting.forum))
    rules.check_meeting_changeable(item.meeting)
    item.status = status
    item.decided_by = actor
    item.decided_at = timezone.now()
    for name, value in extra.items():
        setattr(item, name, value)
    item.save()
    audit_record(actor=actor, action=event, obj=item, fields=["status", *extra], note=note)
    return item


@transaction.atomic
def agenda_item_accept(
    *, actor: User, item: AgendaItem, content_note: str | None = None
) -> AgendaItem:
    extra = {"content_note": content_note.strip()} if content_note is not None else {}
    return _decide(
        item,
        actor,
        AgendaItemStatus.ACCEPTED,
        "agenda item accepted",
        events.AGENDA_ITEM_ACCEPTED,
        **extra,
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            forum=meeting.forum, starts_at__gt=meeting.starts_at, cancelled_at__isnull=True
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def agenda_item_defer(*, actor: User, item: AgendaItem) -> AgendaItem:
    """Move the item to the forum's next meeting (as a proposal there)."""
    following = next_meeting(item.meeting)
    if following is None:
        raise RuleBroken("There is no later meeting to move this item to. Schedule one.")
    position = (following.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    copy = AgendaItem.objects.create(
        meeting=following,
        title=item.title,
        detail=item.detail,
        content_note=item.content_note,
        proposer_kind=item.proposer_kind,
        proposed_by=item.proposed_by,
        position=position,
    )
    return _decide(
        item,
        actor,
        AgendaItemStatus.DEFERRED,
        "agenda item deferred",
        events.AGENDA_ITEM_DEFERRED,
        deferred_to=copy,
    )


@transaction.atomic
def agenda_item_merge(*, actor: User, item: AgendaItem, into: AgendaItem) -> AgendaItem:
    """Fold `item` into another item of the same meeting (its detail is added there)."""
    if into.meeting_id != item.meeting_id or into.pk == item.pk:
        raise RuleBroken("Choose another item of the same meeting.")
    if into.status in (AgendaItemStatus.MERGED, AgendaItemStatus.DEFERRED):
        raise RuleBroken("Choose an item that is still on this meeting's agenda.")
    if item.detail:
        into.detail = f"{into.detail}\n\n{item.title}: {item.detail}".strip()
    if item.content_note and item.content_note not in into.content_note:
        into.content_note = f"{into.content_note}\n{item.content_note}".strip()
    into.save(update_fields=["detail", "content_note"])
    item.documents.update(item=into)
    return _decide(
        item,
        actor,
        AgendaItemStatus.MERGED,
        "agenda item merged",
        events.AGENDA_ITEM_MERGED,
        merged_into=into,
    )


@transaction.atomic
def agenda_publish(*, actor: User, meeting: Meeting) -> int:
    """Publish the agenda (its accepted items) to the forum; tells active members. Returns
    how many messages went."""
    require(may_manage_forum(actor, meeting.forum))
    rules.check_not_started(meeting)
    if not meeting.agenda_items.filter(status=AgendaItemStatus.ACCEPTED).exists():
        raise RuleBroken("Accept at least one item before publishing the agenda.")
    first_time = meeting.agenda_published_at is None
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    sent = 0
    if first_time:
        sent = sum(tell(fm, "meeting_agenda", meeting) for fm in active_members(meeting.forum))
    audit_record(
        actor=actor,
        action=events.AGENDA_PUBLISHED,
        obj=meeting,
        fields=["agenda_published_at"],
        note="agenda published",
    )
    return sent


@transaction.atomic
def agenda_document_add(*, actor: User, item: AgendaItem, upload: UploadedFile) -> AgendaDocument:
    """Attach a document for appraisal: type and size checked, stored privately under a
    random name (the original name is kept only to show and download)."""
    access = meeting_access(actor, item.meeting)
    if access is None or not access.may_propose_here:
        raise PermissionDenied
    if not agenda_item_visible(access, item):
        raise PermissionDenied  # a representative adds documents to items they can see
    rules.check_meeting_changeable(item.meeting)
    name = upload.name or "document"
    content_type = rules.check_upload(name, upload_head(upload), upload.size or 0, kind="document")
    document = AgendaDocument(
        item=item,
        original_name=name.rsplit("/", 1)[-1][:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    document.file.save(name, upload, save=False)
    document.save()
    audit_record(
        actor=actor,
        action=events.AGENDA_DOCUMENT_ADDED,
        obj=document,
        fields=["file"],
        note="document added",
    )
    return document
