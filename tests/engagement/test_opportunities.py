"""The programme team's opportunities: created as drafts with every field of the issue,
changed, opened only from an approved request and only between their dates, closed. Their
pages show counts of invitations, never who."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    Invitation,
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    RequestStatus,
)
from engagement.services import opportunities as services
from engagement.services.invitations import invitation_send
from engagement.tokens import new_token
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from tests.engagement.factories import opportunity, participant, partner_request

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    opens, last = today + timedelta(days=1), today + timedelta(days=20)
    data: dict[str, Any] = {
        "kind": "survey",
        "asked_by": "Crown Prosecution Service (demo)",
        "title": "Letters about a decision not to charge",
        "title_cy": "Llythyrau am benderfyniad i beidio â chyhuddo",
        "purpose": "To learn whether our letters are clear.",
        "purpose_cy": "",
        "involves": "A short survey online.",
        "involves_cy": "",
        "duration_minutes": "15",
        "sensitivity": "sensitive",
        "content_notes": "Mentions of violence.",
        "content_notes_cy": "",
        "recognition": "A £10 shopping voucher",
        "payment": "10",
        "places": "12",
        "reserves": "3",
        "areas": ["E09000007"],
        "crime_kinds": ["fraud", "burglary"],
        "age_bands": ["25_34"],
        "languages": ["cy"],
        "formats": ["online"],
        "opens_on-day": opens.day,
        "opens_on-month": opens.month,
        "opens_on-year": opens.year,
        "closes_on-day": last.day,
        "closes_on-month": last.month,
        "closes_on-year": last.year,
    }
    data.update(overrides)
    return data


def test_the_team_creates_a_draft_with_every_field(client_as: Any) -> None:
    response = client_as("programme_admin").post(reverse("engagement:opportunity_new"), form_data())
    assert response.status_code == 302
    item = Opportunity.objects.get(title="Letters about a decision not to charge")
    assert response["Location"] == reverse("engagement:opportunity", args=[item.pk])
    assert item.status == OpportunityStatus.DRAFT
    assert item.title_cy.startswith("Llythyrau")
    assert item.payment_pence == 1000
    assert item.places == 12 and item.reserves == 3
    assert item.crime_kinds == ["burglary", "fraud"]
    assert item.areas == ["E09000007"] and item.languages == ["cy"]
    assert timezone.localtime(item.opens_at).hour == 0
    assert (item.closes_at - item.opens_at) == timedelta(days=20)
    event = AuditEvent.objects.get(action="engagement.opportunity_created")
    assert event.object_id == str(item.pk)
    assert "title" in event.fields and "Letters" not in event.note


def test_a_form_with_problems_says_what_they_are(client_as: Any) -> None:
    today = timezone.localdate()
    response = client_as("programme_admin").post(
        reverse("engagement:opportunity_new"),
        form_data(
            title="",
            **{
                "closes_on-day": (today - timedelta(days=5)).day,
                "closes_on-month": (today - timedelta(days=5)).month,
                "closes_on-year": (today - timedelta(days=5)).year,
            },
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a title" in page
    assert "The last date must be the same as or after the date it opens" in page
    assert "<title>Error:" in page
    assert not Opportunity.objects.filter(asked_by="Crown Prosecution Service (demo)").exists()


def test_a_sensitive_opportunity_needs_content_notes(client_as: Any) -> None:
    response = client_as("programme_admin").post(
        reverse("engagement:opportunity_new"), form_data(content_notes="")
    )
    assert response.status_code == 200
    assert "Write the content notes people read first" in response.content.decode()


def test_the_team_changes_an_opportunity(client_as: Any) -> None:
    item = opportunity(status=OpportunityStatus.DRAFT)
    client = client_as("programme_admin")
    page = client.get(reverse("engagement:opportunity_edit", args=[item.pk]))
    assert item.title in page.content.decode()
    response = client.post(
        reverse("engagement:opportunity_edit", args=[item.pk]),
        form_data(title="A clearer title", sensitivity="standard", content_notes=""),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "A clearer title"
    event = AuditEvent.objects.get(action="engagement.opportunity_changed")
    assert "title" in event.fields


def test_the_kind_cannot_change_once_people_are_invited(personas: Any) -> None:
    item = opportunity(status=OpportunityStatus.DRAFT)
    Invitation.objects.create(
        opportunity=item,
        participant=participant(),
        token_digest=new_token(purpose="invitation")[1],
    )
    data = services.OpportunityIn.of(item)
    changed = services.OpportunityIn(**{**data.__dict__, "kind": "call_testing"})
    with pytest.raises(RuleBroken) as refused:
        services.opportunity_update(
            actor=personas["programme_admin"], opportunity=item, data=changed
        )
    assert refused.value.code == "kind_fixed"


def test_it_opens_only_between_its_dates(personas: Any) -> None:
    admin = personas["programme_admin"]
    now = timezone.now()
    later = opportunity(
        status=OpportunityStatus.DRAFT,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )
    with pytest.raises(RuleBroken) as refused:
        services.opportunity_open(actor=admin, opportunity=later)
    assert refused.value.code == "before_opens"
    past = opportunity(
        status=OpportunityStatus.DRAFT,
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=2),
    )
    with pytest.raises(RuleBroken) as refused:
        services.opportunity_open(actor=admin, opportunity=past)
    assert refused.value.code == "after_closes"
    now_open = opportunity(status=OpportunityStatus.DRAFT)
    services.opportunity_open(actor=admin, opportunity=now_open)
    now_open.refresh_from_db()
    assert now_open.status == OpportunityStatus.OPEN
    assert AuditEvent.objects.filter(
        action="engagement.opportunity_opened", object_id=str(now_open.pk)
    ).exists()


@pytest.mark.parametrize(
    "status",
    [
        RequestStatus.SUBMITTED,
        RequestStatus.CHANGES_REQUESTED,
        RequestStatus.DECLINED,
        RequestStatus.WITHDRAWN,
    ],
)
def test_an_opportunity_from_a_request_not_approved_never_opens_nor_invites(
    status: str, personas: Any
) -> None:
    admin = personas["programme_admin"]
    request = partner_request(organisation=personas["partner_agency"].organisation, status=status)
    draft = opportunity(status=OpportunityStatus.DRAFT, request=request)
    with pytest.raises(RuleBroken) as refused:
        services.opportunity_open(actor=admin, opportunity=draft)
    assert refused.value.code == "request_not_approved"
    # Even one marked open (by any route) invites nobody while the request is not approved.
    opened = opportunity(
        status=OpportunityStatus.OPEN,
        request=partner_request(
            organisation=personas["partner_agency"].organisation, status=status
        ),
    )
    participant()
    with pytest.raises(RuleBroken) as refused:
        invitation_send(actor=admin, opportunity=opened)
    assert refused.value.code == "request_not_approved"
    assert not Invitation.objects.filter(opportunity__in=[draft, opened]).exists()


def test_an_approved_request_opens_and_invites(personas: Any) -> None:
    admin = personas["programme_admin"]
    request = partner_request(
        organisation=personas["partner_agency"].organisation, status=RequestStatus.APPROVED
    )
    draft = opportunity(status=OpportunityStatus.DRAFT, request=request)
    services.opportunity_open(actor=admin, opportunity=draft)
    person = participant()
    assert invitation_send(actor=admin, opportunity=draft) >= 1
    assert Invitation.objects.filter(opportunity=draft, participant=person).exists()


def test_open_and_close_ask_first_then_change(client_as: Any) -> None:
    item = opportunity(status=OpportunityStatus.DRAFT)
    client = client_as("programme_admin")
    confirm = client.get(reverse("engagement:opportunity_open", args=[item.pk]))
    assert "Open this opportunity?" in confirm.content.decode()
    item.refresh_from_db()
    assert item.status == OpportunityStatus.DRAFT
    assert client.post(reverse("engagement:opportunity_open", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.status == OpportunityStatus.OPEN
    assert client.post(reverse("engagement:opportunity_close", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.status == OpportunityStatus.CLOSED and item.closed_at is not None
    again = client.post(reverse("engagement:opportunity_close", args=[item.pk]))
    assert "Only an open opportunity can be closed" in again.content.decode()


def test_the_pages_show_counts_never_who(client_as: Any) -> None:
    item = opportunity(title="Counting only")
    for status in (InvitationStatus.ACCEPTED, InvitationStatus.ACCEPTED, InvitationStatus.DECLINED):
        Invitation.objects.create(
            opportunity=item,
            participant=participant(full_name="Zebedee Unlikelyname"),
            status=status,
            token_digest=new_token(purpose="invitation")[1],
        )
    client = client_as("programme_admin")
    detail = client.get(reverse("engagement:opportunity", args=[item.pk])).content.decode()
    assert "Zebedee" not in detail and "example.org" not in detail
    assert "Said yes" in detail
    listing = client.get(reverse("engagement:opportunities")).content.decode()
    assert "Counting only" in listing
    invite = client.get(reverse("engagement:invite", args=[item.pk])).content.decode()
    assert "Zebedee" not in invite and "people can be invited now" in invite


def test_a_partner_or_member_reaches_none_of_it(client_as: Any) -> None:
    item = opportunity()
    for persona in ("partner_agency", "member", "police_lead"):
        client = client_as(persona)
        assert client.get(reverse("engagement:opportunities")).status_code == 403
        assert client.get(reverse("engagement:opportunity", args=[item.pk])).status_code == 403


def test_an_interview_needs_the_words_of_its_own_consent(client_as: Any) -> None:
    client = client_as("programme_admin")
    missing = client.post(reverse("engagement:opportunity_new"), form_data(kind="interview"))
    assert missing.status_code == 200
    assert "Write what the recording is used for" in missing.content.decode()
    assert not Opportunity.objects.filter(kind="interview").exists()

    until = timezone.localdate() + timedelta(days=60)
    done = client.post(
        reverse("engagement:opportunity_new"),
        form_data(
            kind="interview",
            recording_used_for="A training film for call handlers.",
            recording_seen_by="Police call handlers in training, never outside the force.",
            **{
                "withdraw_until-day": until.day,
                "withdraw_until-month": until.month,
                "withdraw_until-year": until.year,
            },
        ),
    )
    assert done.status_code == 302
    item = Opportunity.objects.get(kind="interview")
    assert item.recording_used_for == "A training film for call handlers."
    assert item.withdraw_until == until
    edit = client.get(reverse("engagement:opportunity_edit", args=[item.pk])).content.decode()
    assert "A training film for call handlers." in edit
    assert f'value="{until.year}"' in edit
