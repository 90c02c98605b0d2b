"""Fair selection as a service and its pages: the draw among those who said yes (quotas met,
seed recorded and audited, reproducible), everyone told kindly by their safe channel, no draw
when there are enough places, a free place to the reserve who keeps the quotas, and pages
that show counts, never who."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from engagement.models import (
    Invitation,
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    Participant,
    Selection,
)
from engagement.selection import default_quotas, quota_breaks
from engagement.selectors.selection import people_of, selection_check
from engagement.services import selection as services
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from tests.engagement.factories import opportunity, participant
from tests.engagement.test_invitations import invitation_with_token

pytestmark = pytest.mark.django_db

SEXES = ["female", "male", "female"]
GROUPS = ["white", "black", "white", "asian", "white", "mixed", "white", "asian", "white", "black"]


def said_yes(item: Opportunity, count: int = 20, **fields: Any) -> list[Invitation]:
    """`count` people who said yes to `item`, with a mix of answers."""
    invitations = []
    for i in range(count):
        person = participant(
            sex=SEXES[i % len(SEXES)],
            ethnic_group=GROUPS[i % len(GROUPS)],
            age_band=["16_24", "25_34", "35_49", "50_64", "65_plus"][i % 5],
            **fields,
        )
        invitations.append(
            invitation_with_token(person, opportunity=item, status=InvitationStatus.ACCEPTED)[0]
        )
    return invitations


def statuses(item: Opportunity) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Invitation.objects.filter(opportunity=item).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_a_draw_gives_the_places_within_the_quotas_and_records_its_seed(personas: Any) -> None:
    item = opportunity(places=8, reserves=3)
    said_yes(item)
    record = services.selection_run(
        actor=personas["programme_admin"],
        opportunity=item,
        categories=["sex", "ethnic_group"],
        seed=123456789,
    )
    assert statuses(item) == {"selected": 8, "reserve": 3, "not_selected": 9}
    assert record.seed == "123456789"
    assert record.algorithm.startswith("sortition-algorithms ")
    assert sorted(record.pool) == sorted(Invitation.objects.values_list("pk", flat=True))
    assert len(record.chosen) == 8 and len(record.reserves) == 3
    chosen = list(Invitation.objects.filter(pk__in=record.chosen).select_related("participant"))
    quotas = default_quotas(["sex", "ethnic_group"], 8)
    assert record.quotas == quotas
    assert quota_breaks(people_of(chosen, ["sex", "ethnic_group"]), quotas) == 0
    ranks = list(
        Invitation.objects.filter(pk__in=record.reserves)
        .order_by("reserve_rank")
        .values_list("pk", flat=True)
    )
    assert ranks == record.reserves
    event = AuditEvent.objects.get(action="engagement.selection_run")
    assert "seed=123456789" in event.note
    for invitation in Invitation.objects.select_related("participant"):
        assert invitation.participant.full_name not in event.note


def test_the_same_seed_draws_the_same_people_again(personas: Any) -> None:
    item = opportunity(places=6, reserves=2)
    said_yes(item)
    record = services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=["sex", "age_band"]
    )
    assert record.seed  # made from `secrets` when not given
    check = selection_check(record)
    assert check.same and check.inputs_same and check.algorithm_same


def test_a_check_notices_when_the_answers_drawn_from_have_changed(personas: Any) -> None:
    item = opportunity(places=6, reserves=2)
    invitations = said_yes(item)
    record = services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=["sex"], seed=42
    )
    person = Participant.objects.get(pk=invitations[0].participant_id)
    person.sex = "male" if person.sex != "male" else "female"
    person.save()
    assert not selection_check(record).inputs_same


def test_everyone_who_said_yes_is_told_kindly_by_their_safe_channel_in_their_language(
    personas: Any,
) -> None:
    item = opportunity(places=4, reserves=2, title_cy="Sut rydym yn esbonio penderfyniad")
    said_yes(item, count=8, language="cy")
    services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=[], seed=9
    )
    templates = sorted(Message.objects.values_list("template", flat=True))
    assert templates.count("engagement_selected") == 4
    assert templates.count("engagement_reserve") == 2
    assert templates.count("engagement_not_selected") == 2
    not_chosen = Message.objects.filter(template="engagement_not_selected").first()
    assert not_chosen is not None and not_chosen.language == "cy"
    assert "Sut rydym yn esbonio penderfyniad" in not_chosen.subject
    assert "Does dim yn cael ei ddal yn eich erbyn" in not_chosen.body


def test_nobody_is_written_to_by_a_channel_that_is_not_safe(personas: Any) -> None:
    item = opportunity(places=2)
    said_yes(item, count=3, safe={"may_email": False})
    services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=[], seed=3
    )
    assert not Message.objects.exists()
    assert "not told now=3" in AuditEvent.objects.get(action="engagement.selection_run").note


def test_no_draw_is_needed_when_there_are_enough_places(personas: Any) -> None:
    item = opportunity(places=10)
    said_yes(item, count=4)
    record = services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=["sex"]
    )
    assert statuses(item) == {"selected": 4}
    assert record.seed == "" and len(record.chosen) == 4
    assert Message.objects.filter(template="engagement_selected").count() == 4
    assert AuditEvent.objects.filter(action="engagement.selection_not_needed").exists()


def test_an_impossible_quota_changes_nothing_and_names_the_category(personas: Any) -> None:
    item = opportunity(places=8)
    said_yes(item)
    quotas = default_quotas(["ethnic_group"], 8)
    quotas["ethnic_group"]["other"] = {"min": 1, "max": 2}
    with pytest.raises(RuleBroken) as refused:
        services.selection_run(
            actor=personas["programme_admin"],
            opportunity=item,
            categories=["ethnic_group"],
            quotas=quotas,
        )
    assert "Ethnic group" in str(refused.value.message)
    assert statuses(item) == {"accepted": 20}
    assert not Selection.objects.exists() and not Message.objects.exists()


def test_only_the_programme_team_may_draw(personas: Any) -> None:
    item = opportunity(places=2)
    said_yes(item, count=3)
    with pytest.raises(PermissionDenied):
        services.selection_run(actor=personas["partner_agency"], opportunity=item, categories=[])
    assert statuses(item) == {"accepted": 3}


def test_a_draft_opportunity_cannot_be_drawn(personas: Any) -> None:
    item = opportunity(places=2, status=OpportunityStatus.DRAFT)
    said_yes(item, count=3)
    with pytest.raises(RuleBroken):
        services.selection_run(actor=personas["programme_admin"], opportunity=item, categories=[])


def test_a_declined_invitation_is_never_in_the_pool(personas: Any) -> None:
    item = opportunity(places=2)
    said_yes(item, count=3)
    declined = invitation_with_token(
        participant(), opportunity=item, status=InvitationStatus.DECLINED
    )[0]
    record = services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=[], seed=5
    )
    assert declined.pk not in record.pool
    declined.refresh_from_db()
    assert declined.status == InvitationStatus.DECLINED


# Replacing someone who withdrew -------------------------------------------------------------


def test_a_withdrawn_place_goes_to_the_reserve_who_keeps_the_quotas(personas: Any) -> None:
    item = opportunity(places=4, reserves=3)
    said_yes(item, count=12)
    admin = personas["programme_admin"]
    record = services.selection_run(actor=admin, opportunity=item, categories=["sex"], seed=77)
    with pytest.raises(RuleBroken):
        services.selection_replace(actor=admin, opportunity=item)  # no place is free yet
    leaving = Invitation.objects.get(pk=record.chosen[0])
    leaving.status = InvitationStatus.WITHDRAWN
    leaving.save()
    Message.objects.all().delete()
    offered = services.selection_replace(actor=admin, opportunity=item)
    assert offered is not None and offered.pk in record.reserves
    assert offered.status == InvitationStatus.SELECTED
    panel = list(
        Invitation.objects.filter(
            opportunity=item, status=InvitationStatus.SELECTED
        ).select_related("participant")
    )
    remaining = [
        i
        for i in Invitation.objects.filter(pk__in=record.reserves).select_related("participant")
        if i.status == InvitationStatus.RESERVE
    ]
    # No better-ranked reserve would have broken the quotas less.
    for other in remaining:
        if (other.reserve_rank or 0) < (offered.reserve_rank or 0):
            trial = [i for i in panel if i.pk != offered.pk] + [other]
            assert quota_breaks(people_of(trial, ["sex"]), record.quotas) > quota_breaks(
                people_of(panel, ["sex"]), record.quotas
            )
    assert Message.objects.filter(template="engagement_selected").count() == 1
    assert AuditEvent.objects.filter(action="engagement.selection_replaced").exists()


def test_with_no_reserve_left_nobody_is_offered_the_place(personas: Any) -> None:
    item = opportunity(places=2, reserves=0)
    said_yes(item, count=3)
    admin = personas["programme_admin"]
    record = services.selection_run(actor=admin, opportunity=item, categories=[], seed=1)
    Invitation.objects.filter(pk=record.chosen[0]).update(status=InvitationStatus.WITHDRAWN)
    assert services.selection_replace(actor=admin, opportunity=item) is None


# Pages ----------------------------------------------------------------------------------------


def test_the_page_prefills_the_quotas_from_the_census(client_as: Any) -> None:
    item = opportunity(places=12)
    said_yes(item, count=14)
    page = client_as("programme_admin").get(
        reverse("engagement:selection", kwargs={"opportunity_id": item.pk}),
        {"categories": ["ethnic_group"]},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        'name="q-ethnic_group-black-min" type="text" inputmode="numeric" spellcheck="false" value="1"'
        in text
    )
    assert (
        'name="q-ethnic_group-black-max" type="text" inputmode="numeric" spellcheck="false" value="3"'
        in text
    )
    assert "13.5%" in text


def test_drawing_from_the_page_shows_the_seed_and_counts_but_never_who(client_as: Any) -> None:
    item = opportunity(places=6, reserves=2)
    invitations = said_yes(item, count=14)
    client = client_as("programme_admin")
    url = reverse("engagement:selection_run", kwargs={"opportunity_id": item.pk})
    data: dict[str, Any] = {"categories": ["sex"], "seed": "31337"}
    for value, limits in default_quotas(["sex"], 6)["sex"].items():
        data[f"q-sex-{value}-min"] = limits["min"]
        data[f"q-sex-{value}-max"] = limits["max"]
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "The seed is 31337" in text
    assert Selection.objects.get().seed == "31337"
    for invitation in invitations:
        assert invitation.participant.full_name not in text
        assert invitation.participant.email not in text
    check = client.get(
        reverse("engagement:selection", kwargs={"opportunity_id": item.pk}),
        {"check": Selection.objects.get().pk},
    )
    assert "gave the same places and reserves" in check.content.decode()


def test_an_impossible_quota_on_the_page_is_shown_as_an_error(client_as: Any) -> None:
    item = opportunity(places=6)
    said_yes(item, count=10)
    data: dict[str, Any] = {"categories": ["sex"]}
    for value, limits in default_quotas(["sex"], 6)["sex"].items():
        data[f"q-sex-{value}-min"] = limits["min"]
        data[f"q-sex-{value}-max"] = limits["max"]
    data["q-sex-male-min"] = 6
    data["q-sex-male-max"] = 6
    response = client_as("programme_admin").post(
        reverse("engagement:selection_run", kwargs={"opportunity_id": item.pk}), data
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Selection.objects.exists()


def test_the_replace_button_offers_the_place(client_as: Any, personas: Any) -> None:
    item = opportunity(places=2, reserves=1)
    said_yes(item, count=4)
    record = services.selection_run(
        actor=personas["programme_admin"], opportunity=item, categories=[], seed=8
    )
    Invitation.objects.filter(pk=record.chosen[0]).update(status=InvitationStatus.WITHDRAWN)
    response = client_as("programme_admin").post(
        reverse("engagement:selection_replace", kwargs={"opportunity_id": item.pk}), follow=True
    )
    assert "The place was given to the reserve ranked 1" in response.content.decode()
    assert Invitation.objects.get(pk=record.reserves[0]).status == InvitationStatus.SELECTED
