"""Writes for subject requests: record searches and exports, place and release legal
holds, and erase a person's data. Each writes its audit event in the same transaction.
No personal data goes into audit notes or receipts: counts and record numbers only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from privacy.audit import audit_record
from privacy.holds import is_held
from privacy.models import AuditAction, LegalHold, SubjectRequest, SubjectRequestKind
from privacy.selectors import PersonGroup, export_document
from privacy.subjects import Counts, Match, SubjectQuery, registry


def subject_search_record(*, actor: User, query: SubjectQuery) -> None:
    """Audit a search: which kinds of detail were searched by, never the values."""
    used = [name for name, value in query.as_dict().items() if value]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.SUBJECT_SEARCHED,
            note=f"searched by: {', '.join(used) or 'nothing'}",
        )


def _subject_kind(group: PersonGroup) -> str:
    return "account" if group.user is not None else group.person.kind


@transaction.atomic
def subject_export(*, actor: User, group: PersonGroup) -> tuple[SubjectRequest, dict[str, Any]]:
    """Record an access request and return the export document (built in this transaction)."""
    document = export_document(group)
    counts = {label: {"exported": n} for label, n in sorted(group.counts_by_model().items())}
    now = timezone.now()
    request = SubjectRequest.objects.create(
        kind=SubjectRequestKind.ACCESS,
        handled_by=actor,
        created_at=now,
        completed_at=now,
        receipt={"subject": _subject_kind(group), "models": counts},
    )
    audit_record(
        actor=actor,
        action=AuditAction.SUBJECT_EXPORTED,
        obj=group.user or request,
        note=f"request {request.pk}; {len(group.matches)} records",
    )
    return request, document


@transaction.atomic
def legal_hold_place(
    *, actor: User, group: PersonGroup, refs: Iterable[str], reason: str
) -> list[LegalHold]:
    """Hold the chosen records of a person. A hold on the account holds all linked records."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Enter the reason for the hold")})
    chosen = [m for m in group.matches if m.ref in set(refs)]
    if not chosen:
        raise ValidationError({"records": _("Select at least one record to hold")})
    holds = []
    for m in chosen:
        if LegalHold.objects.filter(
            model_label=m.model, object_id=str(m.pk), released_at__isnull=True
        ).exists():
            continue
        hold = LegalHold.objects.create(
            model_label=m.model, object_id=str(m.pk), reason=reason, placed_by=actor
        )
        audit_record(
            actor=actor,
            action=AuditAction.LEGAL_HOLD_PLACED,
            obj=hold,
            fields=["reason"],
            note=f"{m.model}:{m.pk}",
        )
        holds.append(hold)
    return holds


@transaction.atomic
def legal_hold_release(*, actor: User, hold: LegalHold) -> LegalHold:
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise ValidationError(_("This hold has already been released"))
    hold.released_at = timezone.now()
    hold.released_by = actor
    hold.save(update_fields=["released_at", "released_by"])
    audit_record(
        actor=actor,
        action=AuditAction.LEGAL_HOLD_RELEASED,
        obj=hold,
        fields=["released_at", "released_by"],
        note=f"{hold.model_label}:{hold.object_id}",
    )
    return hold


def check_erasure(*, actor: User, group: PersonGroup) -> None:
    """Refuse an erasure the DPO must not do, with the reason."""
    user = group.user
    if user is None:
        return
    if user.pk == actor.pk:
        raise ValidationError(
            _("You cannot erase your own data. Ask another data protection officer to do it.")
        )
    if is_held(user):
        return  # the account is kept; nothing is erased that could lock people out
    if user.has_role(Role.PROGRAMME_ADMIN):
        others = (
            RoleAssignment.objects.current()
            .filter(role=Role.PROGRAMME_ADMIN, user__is_active=True)
            .exclude(user=user)
            .exists()
        )
        if not others:
            raise ValidationError(
                _(
                    "This person is the only programme admin. Erasing them would leave no one "
                    "who can manage staff. Ask for another programme admin to be appointed first."
                )
            )


def _erase_order(m: Match) -> tuple[int, bool]:
    provider = registry.provider(m.provider)
    return (provider.order, m.model == settings.AUTH_USER_MODEL.lower())


@transaction.atomic
def subject_erase(*, actor: User, group: PersonGroup) -> SubjectRequest:
    """Delete or anonymise every record of the person not under a legal hold, and keep a
    receipt of counts per type of record."""
    check_erasure(actor=actor, group=group)
    started = timezone.now()
    person_held = group.user is not None and is_held(group.user)
    totals: dict[str, Counts] = {}
    for m in sorted(group.matches, key=_erase_order):
        counts = Counts(held=1) if person_held else registry.provider(m.provider).erase(m)
        totals.setdefault(m.model, Counts())
        totals[m.model] += counts
    request = SubjectRequest.objects.create(
        kind=SubjectRequestKind.ERASURE,
        handled_by=actor,
        created_at=started,
        completed_at=timezone.now(),
        receipt={
            "subject": _subject_kind(group),
            "models": {label: c.as_dict() for label, c in sorted(totals.items())},
        },
    )
    summary = Counts()
    for c in totals.values():
        summary += c
    audit_record(
        actor=actor,
        action=AuditAction.SUBJECT_ERASED,
        obj=group.user or request,
        note=(
            f"request {request.pk}; erased {summary.erased}, anonymised {summary.anonymised}, "
            f"held {summary.held}, kept {summary.kept}"
        ),
    )
    return request
