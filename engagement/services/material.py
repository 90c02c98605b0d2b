"""Documents and videos for a review, served only through a checked view (docs/engagement.md,
"Document and video review").

The programme team adds material to an opportunity (`material_add`); its bytes are kept
under a random name in the default storage (MEDIA is never served by URL). An invited
participant who said yes reaches it only through the link in their invitation, on an open
opportunity, and for `ENGAGEMENT_MATERIAL_ACCESS_HOURS` after they first open it
(`material_open`, which makes their `MaterialGrant`). Material marked internal only, and
any material of an opportunity whose sensitivity is internal only, is never served to a
participant or a partner: only the programme team previews it. Every view is audited,
naming the invitation and the material, never anything the person wrote.

A comment on a section of a document goes through redaction (purpose
`engagement_comment`) and is released to anyone outside the programme team only after a
person has reviewed it on the redaction pages.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from engagement.access import may_run_register
from engagement.audit_events import (
    DOCUMENT_COMMENTED,
    MATERIAL_ADDED,
    MATERIAL_PREVIEWED,
    MATERIAL_REMOVED,
    MATERIAL_VIEWED,
)
from engagement.models import (
    DocumentComment,
    Invitation,
    InvitationStatus,
    Material,
    MaterialGrant,
    MaterialKind,
    Opportunity,
    OpportunityStatus,
    ParticipantStatus,
    Sensitivity,
)
from lib.rules import RuleBroken
from privacy.audit import audit_record
from redaction.services import redaction_prepare

# Who may see material: someone who said yes and still has a place (or took part).
VIEWING_STATUSES = (
    InvitationStatus.ACCEPTED,
    InvitationStatus.SELECTED,
    InvitationStatus.TOOK_PART,
)
DOCUMENT_MAX_BYTES = 50 * 1024 * 1024
VIDEO_MAX_BYTES = 2 * 1024 * 1024 * 1024
SECTION_MAX_CHARS = 200
COMMENT_MAX_CHARS = 5000
# What each kind of file is called when it is stored and served.
# The section of a comment on a document that has no sections.
WHOLE_DOCUMENT = ""
EXTENSIONS = {"application/pdf": ".pdf", "video/mp4": ".mp4", "video/webm": ".webm"}


def sniff_content_type(head: bytes, *, kind: str) -> str:
    """The content type a file's first bytes show, for the kind of material it is meant to
    be; RuleBroken (on "file") when it is something else, whatever its name says."""
    if kind == MaterialKind.DOCUMENT:
        if head.startswith(b"%PDF-"):
            return "application/pdf"
        raise RuleBroken(_("The document must be a PDF file."), field="file", code="not_pdf")
    if kind == MaterialKind.VIDEO:
        # MP4 (ISO base media): a box size, then "ftyp". WebM (Matroska): the EBML header.
        if len(head) >= 12 and head[4:8] == b"ftyp":
            return "video/mp4"
        if head.startswith(b"\x1a\x45\xdf\xa3"):
            return "video/webm"
        raise RuleBroken(
            _("The video must be an MP4 or WebM file."), field="file", code="not_video"
        )
    raise RuleBroken(_("Select whether it is a document or a video."), field="kind")


def clean_sections(lines: list[str] | str) -> list[str]:
    """The sections of a document, one per line: trimmed, without blanks or repeats."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    sections: list[str] = []
    for line in lines:
        name = " ".join(line.split())
        if not name:
            continue
        if len(name) > SECTION_MAX_CHARS:
            raise RuleBroken(
                _("Each section's name must be %(n)s characters or fewer.")
                % {"n": SECTION_MAX_CHARS},
                field="sections",
            )
        if name not in sections:
            sections.append(name)
    return sections


def material_add(
    *,
    actor: Any,
    opportunity: Opportunity,
    title: str,
    kind: str,
    upload: File,
    internal_only: bool = False,
    sections: list[str] | str = "",
) -> Material:
    """Keep a PDF document or an MP4/WebM video for `opportunity`, under a random name.
    Documents may be split into sections for comments (one per line)."""
    require(may_run_register(actor))
    title = " ".join((title or "").split())
    if not title:
        raise RuleBroken(_("Enter a title"), field="title")
    if len(title) > 200:
        raise RuleBroken(_("The title must be 200 characters or fewer."), field="title")
    if kind not in MaterialKind.values:
        raise RuleBroken(_("Select whether it is a document or a video."), field="kind")
    size = upload.size or 0
    if size == 0:
        raise RuleBroken(_("The selected file is empty."), field="file")
    limit = DOCUMENT_MAX_BYTES if kind == MaterialKind.DOCUMENT else VIDEO_MAX_BYTES
    if size > limit:
        raise RuleBroken(
            _("The file must be smaller than %(size)s MB.") % {"size": limit // (1024 * 1024)},
            field="file",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head, kind=kind)
    names = clean_sections(sections) if kind == MaterialKind.DOCUMENT else []
    material = Material(
        opportunity=opportunity,
        kind=kind,
        title=title,
        content_type=content_type,
        internal_only=bool(internal_only),
        sections=names,
    )
    # A random name: nothing about the material or its people in the path.
    material.file.save(secrets.token_hex(16) + EXTENSIONS[content_type], upload, save=False)
    try:
        with transaction.atomic():
            material.save()
            audit_record(
                actor=actor,
                action=MATERIAL_ADDED,
                obj=material,
                fields=["title", "kind", "file", "content_type", "internal_only", "sections"],
                note=f"opportunity={opportunity.pk}; kind={kind}; "
                f"internal_only={material.internal_only}",
            )
    except BaseException:
        material.file.storage.delete(material.file.name)
        raise
    return material


def material_remove(*, actor: Any, material: Material) -> None:
    """Remove material and its file. Refused once anyone has commented on it: their
    comments are kept with the document they were about."""
    require(may_run_register(actor))
    with transaction.atomic():
        locked = Material.objects.select_for_update().get(pk=material.pk)
        if locked.comments.exists():
            raise RuleBroken(
                _(
                    "People have commented on this document, so it cannot be removed while "
                    "their comments are kept."
                ),
                code="has_comments",
            )
        grants = locked.grants.count()
        name = locked.file.name
        opportunity_id = locked.opportunity_id
        audit_record(
            actor=actor,
            action=MATERIAL_REMOVED,
            obj=locked,
            fields=["material", "grants"],
            note=f"opportunity={opportunity_id}; grants={grants}",
        )
        locked.delete()
        storage = locked.file.storage
        transaction.on_commit(lambda: storage.delete(name) if name else None)


# Serving to an invited participant ------------------------------------------------------


def material_servable(*, invitation: Invitation, material: Material) -> bool:
    """Whether `material` may ever be shown through `invitation`'s link (a grant aside):
    the invitation's own opportunity, open, said yes, never internal-only material."""
    opportunity = invitation.opportunity
    return (
        material.opportunity_id == invitation.opportunity_id
        and not material.internal_only
        and opportunity.sensitivity != Sensitivity.INTERNAL_ONLY
        and opportunity.status == OpportunityStatus.OPEN
        and invitation.status in VIEWING_STATUSES
        and invitation.participant.status != ParticipantStatus.LEFT
    )


def live_grant(
    *, invitation: Invitation, material: Material, now: datetime | None = None
) -> MaterialGrant | None:
    """The invitation's unexpired grant to `material`, if it is still servable."""
    if not material_servable(invitation=invitation, material=material):
        return None
    now = now or timezone.now()
    return MaterialGrant.objects.filter(
        material=material, invitation=invitation, expires_at__gt=now
    ).first()


def material_open(*, invitation: Invitation, material: Material) -> MaterialGrant:
    """Open material through an invitation's link: the grant made the first time (it
    expires `ENGAGEMENT_MATERIAL_ACCESS_HOURS` later and is never renewed), the view
    audited. RuleBroken (code `not_servable`) for material this invitation may not see."""
    if not material_servable(invitation=invitation, material=material):
        raise RuleBroken(_("This material is not available."), code="not_servable")
    now = timezone.now()
    with transaction.atomic():
        grant, made = MaterialGrant.objects.get_or_create(
            material=material,
            invitation=invitation,
            defaults={
                "expires_at": now + timedelta(hours=settings.ENGAGEMENT_MATERIAL_ACCESS_HOURS),
                "created_at": now,
            },
        )
        material_view_record(invitation=invitation, material=material, part="page", grant=grant)
    return grant


def material_view_record(
    *, invitation: Invitation, material: Material, part: str, grant: MaterialGrant | None = None
) -> None:
    """Audit one view of material through an invitation (`part` "page" or "file")."""
    expired = grant is not None and grant.expires_at <= timezone.now()
    with transaction.atomic():
        audit_record(
            actor=None,
            action=MATERIAL_VIEWED,
            obj=invitation,
            fields=["material", "part", "grant"],
            note=f"material={material.pk}; part={part}"
            + (f"; grant={grant.pk}" if grant is not None else "")
            + ("; expired" if expired else ""),
        )


def material_preview_record(*, actor: Any, material: Material) -> None:
    """Audit the programme team's preview of material (internal-only material included)."""
    require(may_run_register(actor))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=MATERIAL_PREVIEWED,
            obj=material,
            fields=["material"],
            note=f"opportunity={material.opportunity_id}",
        )


# Comments on a document's sections ------------------------------------------------------


def document_comment_add(
    *, invitation: Invitation, material: Material, section: str, text: str
) -> DocumentComment:
    """A participant's comment on one section of a document they may read now. Its words
    are redacted automatically and wait for a person's review before anyone outside the
    programme team reads them."""
    if material.kind != MaterialKind.DOCUMENT:
        raise RuleBroken(_("Comments are only for documents."), code="not_document")
    if live_grant(invitation=invitation, material=material) is None:
        raise RuleBroken(_("You can no longer comment on this document."), code="not_servable")
    if section not in (material.sections or [WHOLE_DOCUMENT]):
        raise RuleBroken(_("Select the section your comment is about"), field="section")
    words = (text or "").strip()
    if not words:
        raise RuleBroken(_("Enter your comment"), field="comment")
    if len(words) > COMMENT_MAX_CHARS:
        raise RuleBroken(
            _("Your comment must be %(n)s characters or fewer.") % {"n": COMMENT_MAX_CHARS},
            field="comment",
        )
    with transaction.atomic():
        redacted = redaction_prepare(
            text=words, purpose="engagement_comment", source=material, field_name="comment"
        )
        comment = DocumentComment.objects.create(
            material=material, section=section, text=redacted, invitation=invitation
        )
        audit_record(
            actor=None,
            action=DOCUMENT_COMMENTED,
            obj=comment,
            fields=["material", "section", "text"],
            note=f"material={material.pk}; invitation={invitation.pk}",
        )
    return comment
