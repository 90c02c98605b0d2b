"""Reads for finding a case and for the case page (docs/desk.md §4): the case, each victim
with their enhanced rights, what is owed and by when, the agreement, safe contact, holds,
the contact log and referrals. Access is the caller's (desk.access.get_case_for_user)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from desk import deadlines
from desk.access import channel_hold_list_for
from desk.models import (
    ROUTED_KINDS,
    Case,
    CaseEvent,
    ContactAgreement,
    ContactAttempt,
    EnhancedGround,
    Referral,
    Task,
    TaskKind,
    TaskStatus,
    Victim,
    desk_digest,
)
from desk.services.common import date_of_birth, grounds_on, time_limits_on
from feedback.models import Language
from safecontact.models import ChannelHold, SafeContact
from safecontact.rules import safe_windows_text

LATEST_EVENTS = 10
LATEST_CONTACTS = 50
PERIODIC = "periodic"


def case_find(
    *, crime_reference: str, postcode: str = "", born: date | None = None
) -> Victim | None:
    """The victim on the case with this crime reference whose postcode (or date of birth)
    matches, by keyed digest: the database never compares the values themselves. Both given:
    both must match. None when anything fails, whichever part it is."""
    if not crime_reference.strip() or not (postcode.strip() or born):
        return None
    case = Case.objects.filter(
        crime_reference_digest=desk_digest("crime_reference", crime_reference)
    ).first()
    if case is None:
        return None
    victims = case.victims.filter(erased_at__isnull=True)
    if postcode.strip():
        victims = victims.filter(
            postcode_digest=desk_digest("postcode", case.crime_reference, postcode)
        )
    if born is not None:
        victims = victims.filter(
            dob_digest=desk_digest("dob", case.crime_reference, born.isoformat())
        )
    return victims.select_related("case").first()


def language_names() -> dict[str, str]:
    return dict(Language.objects.values_list("code", "name_english"))


def obligation_labels(day: date | None = None) -> dict[str, str]:
    """What each obligation code is called: the time limits' labels, and the regular update."""
    labels = {
        code: limit.label for code, limit in time_limits_on(day or timezone.localdate()).items()
    }
    labels[PERIODIC] = str(TaskKind.PERIODIC.label)
    return labels


def open_tasks(victim: Victim) -> QuerySet[Task]:
    return (
        Task.objects.filter(victim=victim, status=TaskStatus.OPEN)
        .select_related("time_limit")
        .order_by("due_at", "pk")
    )


def owed_codes(victim: Victim) -> list[str]:
    """The updates a contact can give the victim now: their open tasks' obligations (not
    routed feedback), and the agreed regular update (always: no news is still an update)."""
    codes = list(
        dict.fromkeys(
            open_tasks(victim).exclude(kind__in=ROUTED_KINDS).values_list("obligation", flat=True)
        )
    )
    return codes if PERIODIC in codes else [*codes, PERIODIC]


def owed_choices(victim: Victim) -> list[tuple[str, str]]:
    labels = obligation_labels()
    return [(code, labels.get(code, code)) for code in owed_codes(victim)]


def current_agreement(victim: Victim) -> ContactAgreement | None:
    return victim.agreements.filter(superseded_at__isnull=True).first()


def safe_contact_of(victim: Victim, *, nominee: bool = False) -> SafeContact | None:
    owner = Q(nominee_of=victim) if nominee else Q(victim=victim)
    return SafeContact.objects.filter(owner).first()


@dataclass
class VictimView:
    victim: Victim
    born: date | None
    age: int | None
    grounds: list[str]
    language: str
    interpreter: str
    agreement: ContactAgreement | None
    safe_contact: SafeContact | None
    safe_times: str
    nominee_contact: SafeContact | None
    nominee_safe_times: str
    holds: list[ChannelHold]
    tasks: list[Task]
    contacts: list[ContactAttempt]
    referrals: list[Referral]
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class CaseView:
    case: Case
    events: list[CaseEvent]
    victims: list[VictimView]
    now: datetime

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


def _victim_view(
    victim: Victim, case: Case, today: date, languages: dict[str, str], labels: dict[str, str]
) -> VictimView:
    names = dict(EnhancedGround.objects.values_list("code", "name"))
    born = date_of_birth(victim)
    contact = safe_contact_of(victim)
    nominee = safe_contact_of(victim, nominee=True) if victim.nominee_name else None
    owners = [c.pk for c in (contact, nominee) if c is not None]
    return VictimView(
        victim=victim,
        born=born,
        age=deadlines.age_on(born, today) if born and born <= today else None,
        grounds=[names.get(code, code) for code in grounds_on(victim, case, today)],
        language=languages.get(victim.language, victim.language),
        interpreter=languages.get(victim.interpreter_language, victim.interpreter_language),
        agreement=current_agreement(victim),
        safe_contact=contact,
        safe_times=safe_windows_text(contact),
        nominee_contact=nominee,
        nominee_safe_times=safe_windows_text(nominee) if nominee else "",
        holds=list(
            ChannelHold.objects.filter(safe_contact_id__in=owners, decision="").select_related(
                "safe_contact"
            )
        ),
        tasks=list(open_tasks(victim)),
        contacts=list(victim.contacts.select_related("agent")[:LATEST_CONTACTS]),
        referrals=list(victim.referrals.select_related("service")),
        labels=labels,
    )


def case_view(case: Case, *, now: datetime | None = None) -> CaseView:
    now = now or timezone.now()
    today = timezone.localdate(now)
    languages = language_names()
    labels = obligation_labels(today)
    victims = case.victims.filter(erased_at__isnull=True).prefetch_related("grounds__ground")
    return CaseView(
        case=case,
        events=list(case.events.all()[:LATEST_EVENTS]),
        victims=[_victim_view(v, case, today, languages, labels) for v in victims],
        now=now,
    )


def holds_awaiting_review(viewer: Any) -> QuerySet[ChannelHold]:
    """Channels on hold on the desk's safe contacts (a victim's or a nominee's) that a
    supervisor has not reviewed yet, oldest first."""
    return (
        channel_hold_list_for(viewer)
        .filter(decision="")
        .select_related("safe_contact", "created_by")
        .order_by("created_at", "pk")
    )


def hold_case_id(hold: ChannelHold) -> int | None:
    contact = hold.safe_contact
    owner_id = contact.victim_id or contact.nominee_of_id
    if owner_id is None:
        return None
    return Victim.objects.filter(pk=owner_id).values_list("case_id", flat=True).first()
