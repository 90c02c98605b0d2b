"""Channels on hold after an unsafe contact: only a desk supervisor sees and reviews them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from desk.services.contacts import safe_contact_ensure
from privacy.models import AuditEvent
from safecontact.models import ChannelHold
from safecontact.services import channel_hold_create
from tests.desk.conftest import victim_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def hold(make_case: Any, personas: dict[str, Any]) -> ChannelHold:
    victim = victim_of(make_case())
    contact = safe_contact_ensure(actor=personas["desk_agent"], victim=victim)
    return channel_hold_create(
        actor=personas["desk_agent"], contact=contact, channel="text", reason="unsafe_abandoned"
    )


def test_the_supervisor_sees_each_hold_with_its_case(client_as: Any, hold: ChannelHold) -> None:
    page = client_as("desk_supervisor").get(reverse("desk:holds")).content.decode()
    victim = hold.safe_contact.victim
    assert victim is not None
    case_id = victim.case_id
    assert reverse("desk:case", kwargs={"case_id": case_id}) in page
    assert reverse("desk:hold_review", kwargs={"hold_id": hold.pk}) in page
    assert "Text message (SMS)" in page


def test_a_review_needs_a_reason_and_happens_once(client_as: Any, hold: ChannelHold) -> None:
    supervisor = client_as("desk_supervisor")
    url = reverse("desk:hold_review", kwargs={"hold_id": hold.pk})
    assert "Say why" in supervisor.post(url, {"decision": "reinstate", "note": ""}).content.decode()
    assert supervisor.post(url, {"decision": "reinstate", "note": "Checked."}).status_code == 302
    assert AuditEvent.objects.filter(action="safecontact.channel_hold_reviewed").count() == 1
    assert "already been reviewed" in supervisor.get(url).content.decode()
    assert "No channels are on hold." in supervisor.get(reverse("desk:holds")).content.decode()


def test_an_unknown_hold_is_404_for_a_supervisor(client_as: Any) -> None:
    url = reverse("desk:hold_review", kwargs={"hold_id": 999999})
    assert client_as("desk_supervisor").get(url).status_code == 404


@pytest.mark.parametrize("persona", ["desk_agent", "analyst", "police_lead", "officer"])
def test_only_a_supervisor_reviews_holds(client_as: Any, hold: ChannelHold, persona: str) -> None:
    client = client_as(persona)
    assert client.get(reverse("desk:holds")).status_code == 403
    url = reverse("desk:hold_review", kwargs={"hold_id": hold.pk})
    assert client.post(url, {"decision": "reinstate", "note": "x"}).status_code == 403
    hold.refresh_from_db()
    assert hold.is_open
