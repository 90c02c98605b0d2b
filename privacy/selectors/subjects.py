"""Reads for subject requests: find a person's records across every provider, group
them by person, and build the export document. Only the DPO's views call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from privacy.holds import held_q, is_held
from privacy.models import LegalHold, SubjectRequest
from privacy.subjects import Match, Person, Provider, SubjectQuery, registry


@dataclass
class PersonGroup:
    """Everything found about one person: an account, or an email, phone or name."""

    person: Person
    user: User | None = None
    matches: list[Match] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.person.key

    def by_provider(self) -> list[tuple[Provider, list[Match]]]:
        """Every provider, in order, with this person's matches (possibly none)."""
        return [(p, [m for m in self.matches if m.provider == p.name]) for p in registry.providers]

    def match_for_ref(self, ref: str) -> Match | None:
        return next((m for m in self.matches if m.ref == ref), None)

    def counts_by_model(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.matches:
            counts[m.model] = counts.get(m.model, 0) + 1
        return dict(sorted(counts.items()))


def _dedupe(matches: list[Match]) -> list[Match]:
    seen: set[tuple[str, str]] = set()
    out = []
    for m in matches:
        key = (m.model, str(m.pk))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def user_group(user: User) -> PersonGroup:
    """Every record linked to an account, from every provider."""
    matches: list[Match] = []
    for provider in registry.providers:
        matches.extend(provider.for_user(user))
    return PersonGroup(person=Person.for_user(user), user=user, matches=_dedupe(matches))


def subject_search(*, query: SubjectQuery) -> list[PersonGroup]:
    """Find every person matching the query: accounts first (with all their records), then
    emails, phone numbers and names that belong to no account."""
    query = query.normalised()
    found: list[Match] = []
    for provider in registry.providers:
        found.extend(provider.find(query))
    user_ids = sorted({m.person.user_id for m in found if m.person.user_id is not None})
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    emails = {u.email.lower(): u.pk for u in users.values()}
    groups: dict[str, PersonGroup] = {}
    for user_id in user_ids:
        if user_id in users:
            group = user_group(users[user_id])
            groups[group.key] = group
    for m in found:
        person = m.person
        if person.user_id is None and person.kind == "email" and person.value in emails:
            person = Person(user_id=emails[person.value])
        if person.user_id is not None:
            account = groups.get(person.key)
            if account is not None:
                account.matches = _dedupe([*account.matches, m])
            continue
        contact = groups.setdefault(person.key, PersonGroup(person=person))
        contact.matches = _dedupe([*contact.matches, m])
    return list(groups.values())


def person_group(*, person_key: str, query: SubjectQuery | None) -> PersonGroup | None:
    """The group for a key from a URL: an account by number, or (for someone without an
    account) a group found again by the search kept in the DPO's session."""
    if person_key.startswith("user-"):
        try:
            user_id = int(person_key.removeprefix("user-"))
        except ValueError:
            return None
        user = User.objects.filter(pk=user_id).first()
        if user is None:
            return None
        group = user_group(user)
        if query is not None and not query.is_empty():
            for other in subject_search(query=query):
                if other.key == person_key:
                    group.matches = _dedupe([*group.matches, *other.matches])
        return group
    if query is None or query.is_empty():
        return None
    return next((g for g in subject_search(query=query) if g.key == person_key), None)


def held_refs(group: PersonGroup) -> set[str]:
    """References of the group's records under a legal hold (directly or via the account).
    One query per type of record, however many records there are."""
    if group.user is not None and is_held(group.user):
        return {m.ref for m in group.matches}
    by_label: dict[str, list[Match]] = {}
    for m in group.matches:
        by_label.setdefault(m.model, []).append(m)
    held: set[str] = set()
    for label, matches in by_label.items():
        model = apps.get_model(label)
        q = held_q(model)
        if q is None:
            continue
        held_pks = {
            str(pk)
            for pk in model._default_manager.filter(q, pk__in=[m.pk for m in matches]).values_list(
                "pk", flat=True
            )
        }
        held.update(m.ref for m in matches if str(m.pk) in held_pks)
    return held


def export_document(group: PersonGroup) -> dict[str, Any]:
    """Everything held about the person, readable, one section per provider."""
    providers = []
    for provider, matches in group.by_provider():
        records = []
        for m in matches:
            section = provider.export(m)
            records.append({"model": m.model, **section.as_dict()})
        providers.append({"name": provider.name, "title": str(provider.title), "records": records})
    return {
        "service": settings.SERVICE_NAME if hasattr(settings, "SERVICE_NAME") else "Victim Voice",
        "generated_at": timezone.now().isoformat(),
        "providers": providers,
    }


def legal_hold_list() -> QuerySet[LegalHold]:
    return LegalHold.objects.select_related("placed_by", "released_by").order_by(
        "released_at", "-placed_at", "-id"
    )


def holds_for_group(group: PersonGroup) -> list[LegalHold]:
    """Current holds on this person's records."""
    by_label: dict[str, list[str]] = {}
    for m in group.matches:
        by_label.setdefault(m.model, []).append(str(m.pk))
    holds: list[LegalHold] = []
    for label, ids in by_label.items():
        holds.extend(
            LegalHold.objects.filter(
                model_label=label, object_id__in=ids, released_at__isnull=True
            ).select_related("placed_by")
        )
    return sorted(holds, key=lambda h: h.placed_at, reverse=True)


def subject_request_list() -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.select_related("handled_by")
