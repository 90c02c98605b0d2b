"""Referrals to support services (Right 4): the consent rule, duplicates, what the message to
the service carries, the consent wording in Welsh, statuses with their audit rows, and the
Right 4 task a referral closes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from desk.models import (
    ConsentWording,
    Referral,
    ReferralStatus,
    Task,
    TaskStatus,
    Victim,
)
from desk.services import VictimIn
from desk.services import referrals as service
from desk.services.referrals import DuplicateReferral, ReferralIn
from directory.models import Organisation, Service
from feedback.models import Borough
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from safecontact.models import SafeContact
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Wednesday 20 May 2026, 11:00 in London.
NOW = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
ALL_SHARED = ["name", "contact", "offence", "needs", "language", "safe_times"]


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def referral_service(
    name: str = "Camden Victim Support",
    *,
    referral: str = "professional",
    email: str = "referrals@camden-support.example.org",
    london_wide: bool = True,
) -> Service:
    organisation, _ = Organisation.objects.get_or_create(
        name=f"{name} (organisation)", defaults={"slug": f"org-{Service.objects.count()}"}
    )
    service_row, _ = Service.objects.get_or_create(
        name=name,
        defaults={
            "organisation": organisation,
            "slug": f"service-{Service.objects.count()}-{name.lower().replace(' ', '-')}",
            "referral": referral,
            "email": email,
            "london_wide": london_wide,
        },
    )
    return service_row


def safe_contact_for(victim: Victim, **extra: Any) -> SafeContact:
    values: dict[str, Any] = {
        "may_phone": True,
        "may_text": True,
        "may_email": True,
        "phone": "07700 900123",
        "email": "alex.safe@example.org",
        "safe_times": '[{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}]',
    }
    values.update(extra)
    return SafeContact.objects.create(victim=victim, **values)


def victim_for(make_case: Any, offence: str = "burglary", **victim: Any) -> Victim:
    data = VictimIn(
        victim_ref="V1",
        full_name="Alex Example",
        date_of_birth=date(1980, 5, 17),
        postcode="NW1 2AB",
        **victim,
    )
    found = victim_of(make_case(offence=offence, victims=[data]))
    safe_contact_for(found)
    return Victim.objects.get(pk=found.pk)


def refer(agent: Any, victim: Victim, svc: Service | None = None, **data: Any) -> Referral:
    values: dict[str, Any] = {
        "service": svc or referral_service(),
        "basis": "not_declined",
        "consent_read": False,
        "shared": ["contact"],
    }
    values.update(data)
    return service.referral_create(actor=agent, victim=victim, data=ReferralIn(**values))


# The consent rule ----------------------------------------------------------------------


@pytest.mark.parametrize("offence", ["domestic-abuse", "sexual-offence"])
def test_an_opt_in_offence_needs_explicit_consent(
    offence: str, make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    victim = victim_for(make_case, offence)
    assert service.consent_required(victim)
    with pytest.raises(RuleBroken) as refused:
        refer(agent, victim)
    assert (refused.value.code, refused.value.field) == ("consent_required", "basis")
    with pytest.raises(RuleBroken) as unconfirmed:
        refer(agent, victim, basis="explicit_consent", consent_read=False)
    assert unconfirmed.value.code == "consent_not_confirmed"
    assert not Referral.objects.exists()

    made = refer(agent, victim, basis="explicit_consent", consent_read=True)
    assert made.basis == "explicit_consent"
    assert made.consent_at == NOW and made.consent_recorded_by == agent
    assert made.consent_wording == ConsentWording.objects.get(version=1)


def test_a_bereaved_relative_needs_explicit_consent_whatever_the_offence(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_for(make_case, "burglary", grounds=["bereaved_close_relative"])
    assert service.consent_required(victim)
    with pytest.raises(RuleBroken) as refused:
        refer(personas["desk_agent"], victim)
    assert refused.value.code == "consent_required"


def test_otherwise_not_declining_is_enough(make_case: Any, personas: dict[str, Any]) -> None:
    victim = victim_for(make_case, "burglary", grounds=["vulnerable"])
    assert not service.consent_required(victim)
    made = refer(personas["desk_agent"], victim)
    assert (made.basis, made.status, made.consent_at) == ("not_declined", "sent", None)
    assert made.consent_wording is not None  # the words read out are kept all the same


def test_a_referral_must_share_a_safe_way_to_reach_the_victim(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_for(make_case)
    with pytest.raises(RuleBroken) as refused:
        refer(personas["desk_agent"], victim, shared=["name", "needs"])
    assert refused.value.code == "contact_required"
    SafeContact.objects.filter(victim=victim).update(may_phone=False, may_text=False)
    SafeContact.objects.filter(victim=victim).update(may_email=False)
    with pytest.raises(RuleBroken) as no_means:
        refer(personas["desk_agent"], Victim.objects.get(pk=victim.pk))
    assert no_means.value.code == "no_safe_contact"


def test_only_active_services_taking_professional_referrals_with_a_mailbox(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_for(make_case)
    self_only = referral_service("Drop-in centre", referral="self")
    no_mailbox = referral_service("Helpline", email="")
    retired = referral_service("Old service")
    Service.objects.filter(pk=retired.pk).update(status="inactive")
    good = referral_service()
    assert list(service.referable_services()) == [good]
    for svc in (self_only, no_mailbox, retired):
        with pytest.raises(RuleBroken) as refused:
            refer(personas["desk_agent"], victim, svc)
        assert refused.value.code == "service_not_referable"


def test_the_list_prefers_services_for_the_victims_borough(make_case: Any) -> None:
    victim = victim_for(make_case)
    camden = Borough.objects.get(code="E09000007")
    elsewhere = Borough.objects.exclude(pk=camden.pk).first()
    assert elsewhere is not None
    local = referral_service("Camden service", london_wide=False)
    local.boroughs.add(camden)
    far = referral_service("Far service", london_wide=False)
    far.boroughs.add(elsewhere)
    assert list(service.services_for(victim)) == [local]


# Duplicates ----------------------------------------------------------------------------


def test_one_open_referral_per_victim_and_service(make_case: Any, personas: dict[str, Any]) -> None:
    agent = personas["desk_agent"]
    victim = victim_for(make_case)
    first = refer(agent, victim)
    with pytest.raises(DuplicateReferral) as duplicate:
        refer(agent, victim)
    assert duplicate.value.code == "duplicate_referral"
    assert duplicate.value.referral == first
    assert "already has an open referral to Camden Victim Support" in str(duplicate.value)
    # Another service is fine.
    refer(agent, victim, referral_service("Another service"))


@pytest.mark.parametrize("end", ["decline", "withdraw"])
def test_a_new_referral_may_follow_one_declined_or_withdrawn(
    end: str, make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    victim = victim_for(make_case)
    first = refer(agent, victim)
    if end == "decline":
        service.referral_decline(actor=agent, referral=first, reason="No capacity this month")
    else:
        service.referral_withdraw(actor=agent, referral=first)
    second = refer(agent, victim)
    assert second.pk != first.pk and second.status == ReferralStatus.SENT


def test_the_page_links_to_the_open_referral(
    make_case: Any, personas: dict[str, Any], client_as: Any
) -> None:
    victim = victim_for(make_case)
    first = refer(personas["desk_agent"], victim)
    response = client_as("desk_agent").post(
        reverse("desk:referral_new", kwargs={"victim_id": victim.pk}),
        {"service": first.service_id, "basis": "not_declined", "shared": ["contact"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This victim already has an open referral to Camden Victim Support" in html
    assert reverse("desk:referral", kwargs={"referral_id": first.pk}) in html


# The message ---------------------------------------------------------------------------


def sent_message(referral: Referral) -> Message:
    """The message as stored (and as Notify gets it)."""
    assert referral.message_id is not None
    return Message.objects.get(pk=referral.message_id)


def test_the_message_carries_only_what_the_victim_agreed_to_share(
    make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    victim = victim_for(make_case, "burglary", interpreter_language="pl")
    service.needs_assess(actor=agent, victim=victim, needs=["safety"], referral_declined=False)
    made = refer(agent, victim, shared=["contact"])
    message = sent_message(made)
    assert message.template == "desk_referral" and message.channel == "email"
    assert message.recipient == "referrals@camden-support.example.org"
    body = message.subject + message.body
    assert "07700 900123" in body and "alex.safe@example.org" in body
    for absent in ("Alex Example", "Burglary", "Safety planning", "Polish", "10:00", "NW1"):
        assert absent not in body, absent
    assert f"Desk referral {made.pk}" in body


def test_everything_shared_is_in_the_message(make_case: Any, personas: dict[str, Any]) -> None:
    agent = personas["desk_agent"]
    victim = victim_for(make_case, "burglary", interpreter_language="pl")
    service.needs_assess(
        actor=agent, victim=victim, needs=["safety", "emotional"], referral_declined=False
    )
    made = refer(agent, victim, shared=ALL_SHARED)
    body = sent_message(made).body
    for present in (
        "Name: Alex Example",
        "Safe phone number: 07700 900123",
        "Kind of offence: Burglary",
        "Emotional support",
        "Safety planning",
        "needs an interpreter: Polish",
        "Monday to Friday, 10:00 to 15:00",
    ):
        assert present in body, present
    # Never the date of birth, postcode or crime reference.
    for absent in ("1980", "NW1", victim.case.crime_reference):
        assert absent not in body, absent


def test_a_phone_they_did_not_say_is_safe_is_not_shared(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_for(make_case)
    SafeContact.objects.filter(victim=victim).update(may_phone=False, may_text=False)
    made = refer(personas["desk_agent"], Victim.objects.get(pk=victim.pk))
    body = sent_message(made).body
    assert "07700" not in body and "alex.safe@example.org" in body


def test_nothing_is_sent_when_the_referral_is_refused(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_for(make_case, "domestic-abuse")
    with pytest.raises(RuleBroken):
        refer(personas["desk_agent"], victim)
    assert not Message.objects.filter(template="desk_referral").exists()


# The consent wording -------------------------------------------------------------------


def test_a_welsh_speaker_hears_the_welsh_wording_with_the_service_named(
    make_case: Any, client_as: Any
) -> None:
    victim = victim_for(make_case, "domestic-abuse", language="cy")
    svc = referral_service()
    url = reverse("desk:referral_new", kwargs={"victim_id": victim.pk})
    html = unescape(client_as("desk_agent").get(url, {"service": svc.pk}).content.decode())
    assert "Gyda'ch cytundeb" in html
    assert "i Camden Victim Support, er mwyn" in html
    assert "With your agreement" not in html
    assert "must give explicit consent" in html


def test_an_english_speaker_hears_the_english_wording(make_case: Any, client_as: Any) -> None:
    victim = victim_for(make_case)
    svc = referral_service()
    url = reverse("desk:referral_new", kwargs={"victim_id": victim.pk})
    html = client_as("desk_agent").get(url, {"service": svc.pk}).content.decode()
    assert "what you told us you need to Camden Victim Support" in html
    assert "must give explicit consent" not in html


def test_the_wording_read_is_the_current_version(make_case: Any, personas: dict[str, Any]) -> None:
    newer = ConsentWording.objects.create(
        version=2,
        text_en="New words for {service}.",
        text_cy="Geiriau newydd i {service}.",
        effective_from=date(2026, 5, 1),
    )
    ConsentWording.objects.create(
        version=3, text_en="Not yet.", text_cy="Dim eto.", effective_from=date(2026, 9, 1)
    )
    assert service.current_consent_wording() == newer
    made = refer(personas["desk_agent"], victim_for(make_case))
    assert made.consent_wording == newer


# Statuses and audit --------------------------------------------------------------------


def _actions(referral: Referral) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="desk.referral", object_id=str(referral.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_referral_is_made_sent_acknowledged_then_declined_with_audit_rows(
    make_case: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    made = refer(agent, victim_for(make_case))
    assert (made.status, made.sent_at) == (ReferralStatus.SENT, NOW)
    assert _actions(made) == ["desk.referral_created", "desk.referral_sent"]
    acknowledged = service.referral_acknowledge(actor=agent, referral=made)
    assert acknowledged.status == ReferralStatus.ACKNOWLEDGED
    with pytest.raises(RuleBroken):
        service.referral_acknowledge(actor=agent, referral=made)
    with pytest.raises(RuleBroken) as no_reason:
        service.referral_decline(actor=agent, referral=made, reason=" ")
    assert no_reason.value.field == "reason"
    declined = service.referral_decline(actor=agent, referral=made, reason="Outside our area")
    assert (declined.status, declined.decline_reason) == ("declined", "Outside our area")
    with pytest.raises(RuleBroken):
        service.referral_withdraw(actor=agent, referral=made)
    assert _actions(made)[2:] == ["desk.referral_acknowledged", "desk.referral_declined"]


def test_the_referral_page_records_what_the_service_said(
    make_case: Any, personas: dict[str, Any], client_as: Any
) -> None:
    made = refer(personas["desk_agent"], victim_for(make_case))
    client = client_as("desk_supervisor")
    url = reverse("desk:referral", kwargs={"referral_id": made.pk})
    page = client.get(url).content.decode()
    assert "Camden Victim Support" in page and "Sent" in page
    assert "Alex Example" not in page  # no identity on this page
    missing = client.post(url, {"action": "decline", "reason": ""})
    assert missing.status_code == 200 and "Say why the service declined" in missing.content.decode()
    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    assert client.post(url, {"action": "withdraw"}).status_code == 302
    made.refresh_from_db()
    assert made.status == ReferralStatus.WITHDRAWN
    assert _actions(made)[-2:] == ["desk.referral_acknowledged", "desk.referral_withdrawn"]
    page = client.get(url).content.decode()
    assert "Withdrawn" in page and "The victim withdrew their consent" not in page


# The Right 4 task ----------------------------------------------------------------------


def test_a_referral_closes_the_victims_right_4_task(
    make_case: Any, personas: dict[str, Any], client_as: Any
) -> None:
    agent = personas["desk_agent"]
    victim = victim_for(make_case)
    service.needs_assess(actor=agent, victim=victim, needs=["emotional"], referral_declined=False)
    task = Task.objects.get(victim=victim, kind="referral")
    svc = referral_service()
    response = client_as("desk_agent").post(
        reverse("desk:referral_new", kwargs={"victim_id": victim.pk}),
        {"service": svc.pk, "basis": "not_declined", "shared": ["contact", "needs"]},
    )
    made = Referral.objects.get(victim=victim)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:referral", kwargs={"referral_id": made.pk})
    task.refresh_from_db()
    assert (task.status, task.referral, task.late_working_days) == (TaskStatus.DONE, made, 0)
    assert made.due_at == task.due_at and made.assessment is not None


def test_a_late_referral_asks_why_on_the_form(
    make_case: Any, personas: dict[str, Any], client_as: Any
) -> None:
    victim = victim_for(make_case)
    service.needs_assess(
        actor=personas["desk_agent"], victim=victim, needs=["emotional"], referral_declined=False
    )
    task = Task.objects.get(victim=victim, kind="referral")
    svc = referral_service()
    url = reverse("desk:referral_new", kwargs={"victim_id": victim.pk})
    with time_machine.travel(task.due_at + timedelta(days=1), tick=False):
        client = client_as("desk_agent")
        page = client.get(url, {"service": svc.pk}).content.decode()
        assert "This referral is late" in page
        data = {"service": svc.pk, "basis": "not_declined", "shared": ["contact"]}
        refused = client.post(url, data)
        assert refused.status_code == 200
        assert "Select why this update is late" in refused.content.decode()
        assert not Referral.objects.exists()
        sent = client.post(url, {**data, "late_reason": "desk_capacity"})
    assert sent.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.late_reason, task.late_working_days) == ("done", "desk_capacity", 1)


def test_the_late_question_is_not_asked_on_time(make_case: Any, client_as: Any) -> None:
    victim = victim_for(make_case)
    svc = referral_service()
    url = reverse("desk:referral_new", kwargs={"victim_id": victim.pk})
    page = client_as("desk_agent").get(url, {"service": svc.pk}).content.decode()
    assert "This referral is late" not in page and 'name="late_reason"' not in page
