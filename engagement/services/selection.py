"""Fair selection among those who said yes (docs/engagement.md, "Fair selection").

- `selection_run` draws the places (and reserves) of an opportunity among the invitations
  that said yes and have not been drawn yet, when there are more of them than places left;
  otherwise everyone who said yes gets a place (no draw needed). The lottery is
  engagement.selection (pure); this records it on `Selection` (seed, algorithm, quotas, and
  the pool, chosen and reserves as invitation ids), sets each invitation SELECTED, RESERVE
  (with its rank) or NOT_SELECTED, tells each person by their safe channel, and audits the
  draw with its seed.
- `selection_replace` offers a free place (someone with a place withdrew) to the
  best-ranked reserve who keeps the quotas (engagement.selection.pick_replacement).

Checking a draw (drawing it again from its seed) is a read: engagement/selectors/selection.py.

People who say yes after a draw wait (ACCEPTED) until the team runs selection again: a later
draw is among them only, for the places still free (refused when none is free: a free place
goes to the reserves first). Each draw is its own Selection row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from engagement import census
from engagement import selection as lottery
from engagement.access import may_run_register
from engagement.audit_events import SELECTION_NOT_NEEDED, SELECTION_REPLACED, SELECTION_RUN
from engagement.models import (
    Invitation,
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    ParticipantStatus,
    Selection,
)
from engagement.selectors.selection import HOLDING, inputs_digest, people_of, places_left
from engagement.services.common import participant_tell
from engagement.services.invitations import in_language
from lib.rules import RuleBroken
from notify.messages import language_pick
from privacy.audit import audit_record

SELECTED_TEMPLATE = "engagement_selected"
NOT_SELECTED_TEMPLATE = "engagement_not_selected"
RESERVE_TEMPLATE = "engagement_reserve"
NOT_NEEDED = "not needed: everyone who said yes has a place"


# Rules of the draw ---------------------------------------------------------------------------


def _check_may_draw(opportunity: Opportunity) -> None:
    if opportunity.status not in (OpportunityStatus.OPEN, OpportunityStatus.CLOSED):
        raise RuleBroken(
            _("People can only be chosen while the opportunity is open or after it closes"),
            code="not_open",
        )


def _check_categories(categories: Sequence[str]) -> list[str]:
    unknown = [c for c in categories if c not in census.FIELDS]
    if unknown:
        raise RuleBroken(_("Choose categories from the list"), field="categories", code="unknown")
    return list(dict.fromkeys(categories))


def _check_quotas(quotas: lottery.Quotas, categories: Sequence[str], places: int) -> None:
    for category in categories:
        codes = census.value_codes(category)
        for value, limits in quotas.get(category, {}).items():
            if value not in codes:
                raise RuleBroken(
                    _("Choose quotas from the list"), field="quotas", code="unknown_value"
                )
            low, high = limits.get("min"), limits.get("max")
            if not isinstance(low, int) or not isinstance(high, int) or low < 0 or high < 0:
                raise RuleBroken(
                    _("Enter each minimum and maximum as a whole number, 0 or more"),
                    field="quotas",
                    code="quota_number",
                )
            if high > places:
                limits["max"] = places


# Telling people -------------------------------------------------------------------------------


def _tell(invitation: Invitation, template: str) -> bool:
    person = invitation.participant
    language = language_pick(person.language)
    opportunity = invitation.opportunity
    message = participant_tell(
        participant=person,
        template=template,
        personalisation={
            "title": in_language(opportunity, "title", language),
            # Only the message giving a place says who it is for.
            **({"asked_by": opportunity.asked_by} if template == SELECTED_TEMPLATE else {}),
        },
    )
    return message is not None


def _set(invitations: Sequence[Invitation], status: str, template: str) -> int:
    """Set their status and tell them; returns how many could be told now."""
    told = 0
    for invitation in invitations:
        invitation.status = status
        told += _tell(invitation, template)
    Invitation.objects.bulk_update(list(invitations), ["status", "reserve_rank"])
    return told


# The draw ---------------------------------------------------------------------------------------


def selection_run(
    *,
    actor: Any,
    opportunity: Opportunity,
    categories: Sequence[str],
    quotas: lottery.Quotas | None = None,
    seed: int | str | None = None,
    now: datetime | None = None,
) -> Selection:
    """Give out the places left among those who said yes (see the module). `quotas` for the
    `categories` (default: from the Census, engagement.selection.default_quotas); `seed`
    from `secrets` when not given. RuleBroken when the quotas cannot be met (naming the
    category) or the opportunity's state does not allow it."""
    require(may_run_register(actor))
    now = now or timezone.now()
    categories = _check_categories(categories)
    given_seed = lottery.parse_seed(seed) if seed is not None and seed != "" else None
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update(of=("self",)).get(pk=opportunity.pk)
        _check_may_draw(locked)
        pool = list(
            Invitation.objects.select_for_update(of=("self",))
            .filter(opportunity=locked, status=InvitationStatus.ACCEPTED)
            .select_related("participant__safe_contact", "opportunity")
            .order_by("pk")
        )
        if not pool:
            raise RuleBroken(_("Nobody who said yes is waiting for a place"), code="empty_pool")
        places = places_left(locked)
        if places <= 0:
            raise RuleBroken(
                _("Every place is taken. A free place goes to the next reserve."),
                code="no_places",
            )
        if len(pool) <= places:
            return _not_needed(actor=actor, opportunity=locked, pool=pool, now=now)

        wanted = quotas if quotas is not None else lottery.default_quotas(categories, places)
        wanted = {c: {v: dict(q) for v, q in wanted.get(c, {}).items()} for c in categories}
        _check_quotas(wanted, categories, places)
        people = people_of(pool, categories)
        seed_value = given_seed or lottery.new_seed()
        result = lottery.draw(
            pool=people,
            places=places,
            reserves=locked.reserves,
            quotas=wanted,
            seed=seed_value,
        )
        record = Selection.objects.create(
            opportunity=locked,
            seed=str(seed_value),
            algorithm=result.algorithm,
            quotas=wanted,
            pool=[p.id for p in people],
            chosen=result.chosen,
            reserves=result.reserves,
            inputs_digest=inputs_digest(people, categories),
            run_by=actor,
            run_at=now,
        )
        by_id = {inv.pk: inv for inv in pool}
        rank_from = (
            Invitation.objects.filter(opportunity=locked, reserve_rank__isnull=False).aggregate(
                top=Max("reserve_rank")
            )["top"]
            or 0
        )
        reserves = [by_id[i] for i in result.reserves]
        for rank, invitation in enumerate(reserves, start=rank_from + 1):
            invitation.reserve_rank = rank
        drawn = set(result.chosen) | set(result.reserves)
        told = _set([by_id[i] for i in result.chosen], InvitationStatus.SELECTED, SELECTED_TEMPLATE)
        told += _set(reserves, InvitationStatus.RESERVE, RESERVE_TEMPLATE)
        told += _set(
            [inv for inv in pool if inv.pk not in drawn],
            InvitationStatus.NOT_SELECTED,
            NOT_SELECTED_TEMPLATE,
        )
        audit_record(
            actor=actor,
            action=SELECTION_RUN,
            obj=locked,
            fields=[
                "seed",
                "algorithm",
                "quotas",
                "pool",
                "chosen",
                "reserves",
                "inputs_digest",
                "status",
                "reserve_rank",
            ],
            note=(
                f"selection={record.pk}; seed={seed_value}; pool={len(pool)}; "
                f"chosen={len(result.chosen)}; reserves={len(result.reserves)}; "
                f"told={told}; not told now={len(pool) - told}; {result.algorithm}"
            ),
        )
    return record


def _not_needed(
    *, actor: Any, opportunity: Opportunity, pool: Sequence[Invitation], now: datetime
) -> Selection:
    """Everyone who said yes gets a place (inside selection_run's transaction)."""
    ids = [inv.pk for inv in pool]
    record = Selection.objects.create(
        opportunity=opportunity,
        seed="",
        algorithm=NOT_NEEDED,
        quotas={},
        pool=ids,
        chosen=ids,
        reserves=[],
        run_by=actor,
        run_at=now,
    )
    told = _set(pool, InvitationStatus.SELECTED, SELECTED_TEMPLATE)
    audit_record(
        actor=actor,
        action=SELECTION_NOT_NEEDED,
        obj=opportunity,
        fields=["pool", "chosen", "status"],
        note=f"selection={record.pk}; places given={len(ids)}; told={told}",
    )
    return record


# Replacing someone who withdrew ---------------------------------------------------------------


@transaction.atomic
def selection_replace(*, actor: Any, opportunity: Opportunity) -> Invitation | None:
    """Offer a free place to the next reserve who keeps the quotas (see the module): set
    them SELECTED and tell them. None when no reserve is left. RuleBroken when no place is
    free."""
    require(may_run_register(actor))
    locked = Opportunity.objects.select_for_update(of=("self",)).get(pk=opportunity.pk)
    _check_may_draw(locked)
    if places_left(locked) <= 0:
        raise RuleBroken(
            _("There is no free place to offer: nobody with a place has withdrawn"),
            code="no_free_place",
        )
    latest = Selection.objects.filter(opportunity=locked).exclude(quotas={}).first()
    quotas: lottery.Quotas = latest.quotas if latest is not None else {}
    categories = list(quotas)
    reserves = list(
        Invitation.objects.select_for_update(of=("self",))
        .filter(opportunity=locked, status=InvitationStatus.RESERVE)
        .exclude(participant__status=ParticipantStatus.LEFT)
        .select_related("participant__safe_contact", "opportunity")
        .order_by("reserve_rank", "pk")
    )
    if not reserves:
        return None
    panel = list(
        Invitation.objects.filter(opportunity=locked, status__in=HOLDING).select_related(
            "participant"
        )
    )
    pick = lottery.pick_replacement(
        panel=people_of(panel, categories), reserves=people_of(reserves, categories), quotas=quotas
    )
    if pick is None:
        return None
    chosen = next(inv for inv in reserves if inv.pk == pick.id)
    chosen.status = InvitationStatus.SELECTED
    chosen.save(update_fields=["status"])
    told = _tell(chosen, SELECTED_TEMPLATE)
    audit_record(
        actor=actor,
        action=SELECTION_REPLACED,
        obj=chosen,
        fields=["status"],
        note=f"reserve_rank={chosen.reserve_rank}; told={int(told)}",
    )
    return chosen
