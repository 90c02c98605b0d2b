"""Reads for fair selection (docs/engagement.md, "Fair selection"): the pool, the places
left, each draw's outcome as counts per category value against its quotas (counts, never
who), and a check that draws a recorded selection again from its seed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import salted_hmac

from engagement import census
from engagement import selection as lottery
from engagement.models import Invitation, InvitationStatus, Opportunity, Selection
from lib.rules import RuleBroken

# Those who hold a place.
HOLDING = (InvitationStatus.SELECTED, InvitationStatus.TOOK_PART)


def places_left(opportunity: Opportunity) -> int:
    held = Invitation.objects.filter(opportunity=opportunity, status__in=HOLDING).count()
    return max(0, opportunity.places - held)


def people_of(invitations: Sequence[Invitation], categories: Sequence[str]) -> list[lottery.Person]:
    """The lottery's view of invitations: their ids and their people's values (decrypted)."""
    return [
        lottery.Person(id=inv.pk, values=census.categories_of(inv.participant, categories))
        for inv in invitations
    ]


def inputs_digest(people: Sequence[lottery.Person], categories: Sequence[str]) -> str:
    """A keyed hash of the pool's values (never shown; compared by `selection_check`)."""
    text = "|".join(
        f"{p.id}:" + ",".join(p.values.get(c, "") for c in categories)
        for p in sorted(people, key=lambda p: p.id)
    )
    return salted_hmac("engagement.selection", text, algorithm="sha256").hexdigest()


def status_summary(opportunity: Opportunity) -> dict[str, int]:
    """How many invitations of `opportunity` are in each status (counts only)."""
    counts = dict.fromkeys(InvitationStatus.values, 0)
    for status in Invitation.objects.filter(opportunity=opportunity).values_list(
        "status", flat=True
    ):
        counts[status] += 1
    return counts


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    quota: dict[str, int] | None
    pool: int
    chosen: int
    reserves: int

    @property
    def met(self) -> bool:
        if self.quota is None:
            return True
        return self.quota["min"] <= self.chosen <= self.quota["max"]


@dataclass(frozen=True)
class Outcome:
    selection: Selection
    categories: list[tuple[str, list[OutcomeRow]]]


def _count(people: dict[int, lottery.Person], ids: Sequence[int], category: str, value: str) -> int:
    return sum(1 for i in ids if i in people and people[i].values[category] == value)


def outcomes(opportunity: Opportunity) -> list[Outcome]:
    """Each draw of `opportunity`, newest first, with counts per category value of its pool,
    its places and its reserves beside the quotas (answers as they are now)."""
    selections = list(Selection.objects.filter(opportunity=opportunity).order_by("-run_at", "-pk"))
    ids = {i for s in selections for i in s.pool}
    by_id = {
        inv.pk: inv for inv in Invitation.objects.filter(pk__in=ids).select_related("participant")
    }
    result = []
    for record in selections:
        categories = list(record.quotas)
        people = {
            p.id: p for p in people_of([by_id[i] for i in record.pool if i in by_id], categories)
        }
        groups = []
        for category in categories:
            quotas = record.quotas[category]
            rows = []
            for value in census.values_for(category):
                quota = quotas.get(value.code)
                rows.append(
                    OutcomeRow(
                        label=value.label,
                        quota=quota if value.constrained else None,
                        pool=_count(people, record.pool, category, value.code),
                        chosen=_count(people, record.chosen, category, value.code),
                        reserves=_count(people, record.reserves, category, value.code),
                    )
                )
            groups.append((census.field_label(category), rows))
        result.append(Outcome(selection=record, categories=groups))
    return result


@dataclass(frozen=True)
class Check:
    same: bool
    inputs_same: bool
    algorithm_same: bool


def selection_check(selection: Selection) -> Check:
    """Draw `selection` again from its seed, quotas and pool, with the pool's answers as they
    are now. `same` when it gives the same places and reserves; `inputs_same` says whether
    the answers are still those it drew from; `algorithm_same` whether the algorithm (and
    the package's version) is the one it used."""
    if not selection.seed:
        return Check(same=True, inputs_same=True, algorithm_same=True)
    categories = list(selection.quotas)
    invitations = list(
        Invitation.objects.filter(pk__in=selection.pool)
        .select_related("participant")
        .order_by("pk")  # the pool's order, as the draw had it (selection_run)
    )
    people = people_of(invitations, categories)
    inputs_same = inputs_digest(people, categories) == selection.inputs_digest
    try:
        again = lottery.draw(
            pool=people,
            places=len(selection.chosen),
            reserves=len(selection.reserves),
            quotas=selection.quotas,
            seed=int(selection.seed),
        )
    except RuleBroken:
        return Check(same=False, inputs_same=inputs_same, algorithm_same=False)
    same = again.chosen == sorted(selection.chosen) and again.reserves == list(selection.reserves)
    return Check(
        same=same, inputs_same=inputs_same, algorithm_same=again.algorithm == selection.algorithm
    )


def selection_for(opportunity: Opportunity, selection_id: Any) -> Selection | None:
    try:
        return Selection.objects.filter(opportunity=opportunity, pk=int(selection_id)).first()
    except (TypeError, ValueError):
        return None
