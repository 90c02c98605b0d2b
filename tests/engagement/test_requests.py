"""Partner requests with a set timeframe: a request must give the Terms of Reference's least
notice in working days (England and Wales's bank holidays skipped), the programme team
decides by a working-day deadline, nobody is contacted before approval (approval makes a
draft opportunity and emails only the partner), a partner sees only their own
organisation's requests, and their dashboard shows each request's status and deadlines."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Organisation, RoleAssignment, User
from accounts.roles import OrganisationKind, Role
from engagement.models import (
    Invitation,
    Kind,
    Opportunity,
    OpportunityStatus,
    PartnerRequest,
    RequestStatus,
    Terms,
)
from engagement.services.requests import (
    opportunity_from_request,
    request_decide,
    request_resubmit,
    request_submit,
    request_withdraw,
)
from engagement.services.terms import terms_set
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from tests.conftest import CheckedClient, sign_in
from tests.engagement.factories import opportunity, partner_request

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

LONDON = ZoneInfo("Europe/London")
# Wednesday 20 May 2026, 11:00 in London; Monday 25 May is the spring bank holiday.
NOW = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
TODAY = date(2026, 5, 20)
# 15 working days after Wednesday 20 May, skipping the bank holiday: Thursday 11 June.
EARLIEST = date(2026, 6, 11)
# 5 working days after it, skipping the bank holiday: Thursday 28 May.
DECIDE_BY = date(2026, 5, 28)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def answers(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Victims' views on our letters",
        "what_to_learn": "Whether our letters about a decision not to charge are clear.",
        "kind": Kind.SURVEY,
        "people_wanted": 12,
        "starts_on": EARLIEST,
        "ends_on": EARLIEST + timedelta(days=14),
        "material_description": "A survey of ten questions about two sample letters.",
    } | changes


def pdf(name: str = "our-letters-alex-example.pdf", body: bytes = b"%PDF-1.4 sample") -> Any:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def other_partner() -> User:
    """A partner agency's member of staff in another organisation."""
    organisation, _created = Organisation.objects.get_or_create(
        name="Probation Service (test)", defaults={"kind": OrganisationKind.PARTNER_AGENCY}
    )
    user = User.objects.create_user(
        "probation.partner@example.org", full_name="Pat Probation", organisation=organisation
    )
    RoleAssignment.objects.create(user=user, role=Role.PARTNER_AGENCY)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")  # staff sign in with MFA
    return user


def submitted(personas: dict[str, Any], **changes: Any) -> PartnerRequest:
    return request_submit(actor=personas["partner_agency"], **answers(**changes))


# The timeframe ------------------------------------------------------------------------------


def test_a_request_inside_the_timeframe_is_sent_with_its_decision_deadline(
    personas: dict[str, Any],
) -> None:
    partner = personas["partner_agency"]
    item = submitted(personas)
    assert item.status == RequestStatus.SUBMITTED
    assert item.organisation == partner.organisation and item.submitted_by == partner
    assert item.decide_by == DECIDE_BY
    assert item.terms == Terms.objects.get(effective_from=date(2020, 1, 1))
    event = AuditEvent.objects.get(action="engagement.request_submitted")
    assert event.object_id == str(item.pk)
    assert {"starts_on", "people_wanted", "decide_by"} <= set(event.fields)
    assert "material" not in event.fields  # none was uploaded
    assert "letters" not in event.note


def test_a_request_giving_too_little_notice_is_refused_naming_the_earliest_date(
    personas: dict[str, Any],
) -> None:
    with pytest.raises(RuleBroken) as too_soon:
        submitted(personas, starts_on=EARLIEST - timedelta(days=1))
    assert too_soon.value.field == "starts_on" and too_soon.value.code == "too_soon"
    assert "15 working days" in str(too_soon.value)
    assert "11 June 2026" in str(too_soon.value)
    assert not PartnerRequest.objects.exists()


@pytest.mark.parametrize(
    ("now", "earliest"),
    [
        # Sunday 1 February 2026: the working days start on Monday.
        (datetime(2026, 2, 1, 12, 0, tzinfo=UTC), date(2026, 2, 20)),
        # Sunday 29 March 2026, the day the clocks go forward: Good Friday and Easter Monday
        # are skipped.
        (datetime(2026, 3, 29, 11, 0, tzinfo=UTC), date(2026, 4, 21)),
        # Thursday 31 December 2026: New Year's Day is skipped.
        (datetime(2026, 12, 31, 12, 0, tzinfo=UTC), date(2027, 1, 22)),
    ],
)
def test_the_least_notice_counts_working_days_across_month_ends_and_holidays(
    personas: dict[str, Any], now: datetime, earliest: date
) -> None:
    with time_machine.travel(now, tick=False):
        with pytest.raises(RuleBroken):
            submitted(personas, starts_on=earliest - timedelta(days=1), ends_on=earliest)
        item = submitted(personas, starts_on=earliest, ends_on=earliest)
    assert item.starts_on == earliest


def test_the_last_date_and_the_number_of_people_are_checked(personas: dict[str, Any]) -> None:
    with pytest.raises(RuleBroken) as ends_before:
        submitted(personas, ends_on=EARLIEST - timedelta(days=1))
    assert ends_before.value.field == "ends_on"
    for wrong in (0, 201):
        with pytest.raises(RuleBroken) as people:
            submitted(personas, people_wanted=wrong)
        assert people.value.field == "people_wanted"
    assert submitted(personas, people_wanted=200, ends_on=EARLIEST).people_wanted == 200


def test_new_terms_hold_new_requests_and_leave_requests_already_sent_alone(
    personas: dict[str, Any],
) -> None:
    before = submitted(personas)
    terms_set(
        actor=personas["programme_admin"],
        effective_from=date(2026, 5, 21),
        min_notice_working_days=20,
        decision_working_days=3,
        invite_cap=3,
        cap_days=90,
        response_days=30,
    )
    with time_machine.travel(datetime(2026, 5, 21, 10, 0, tzinfo=UTC), tick=False):
        with pytest.raises(RuleBroken) as refused:
            submitted(personas, starts_on=date(2026, 6, 12))
        assert "20 working days" in str(refused.value)
        after = submitted(personas, starts_on=date(2026, 6, 19))
    assert after.decide_by == date(2026, 5, 27)  # Fri, Tue (after the holiday), Wed
    before.refresh_from_db()
    assert before.decide_by == DECIDE_BY and before.terms.min_notice_working_days == 15


@pytest.mark.parametrize("persona", ["programme_admin", "member", "police_lead"])
def test_only_a_partner_agency_sends_a_request(personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        request_submit(actor=personas[persona], **answers())


# The material ---------------------------------------------------------------------------------


def test_the_material_is_kept_under_a_name_of_our_own_and_never_served_publicly(
    personas: dict[str, Any], client_as: Any
) -> None:
    item = submitted(personas, material=pdf())
    assert item.material.name.startswith("engagement/requests/request-material")
    assert "alex" not in item.material.name and "letters" not in item.material.name
    assert "material" in AuditEvent.objects.get(action="engagement.request_submitted").fields
    # No public address serves the media folder.
    assert client_as("anonymous").get("/media/" + item.material.name).status_code == 404
    url = reverse("engagement:request_material", kwargs={"request_id": item.pk})
    for persona in ("partner_agency", "programme_admin"):
        response = client_as(persona).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    outsider = sign_in(CheckedClient(), other_partner())
    assert outsider.get(url).status_code == 404


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("notes.docx", b"PK\x03\x04 a document"), "material_type"),
        (SimpleUploadedFile("letters.pdf", b"not a pdf at all"), "material_mismatch"),
        (SimpleUploadedFile("film.mp4", b"\x00\x00\x00\x18wxyz clip"), "material_mismatch"),
        (SimpleUploadedFile("empty.pdf", b""), "material_empty"),
    ],
)
def test_material_that_is_not_a_pdf_or_a_video_is_refused(
    personas: dict[str, Any], upload: Any, code: str
) -> None:
    with pytest.raises(RuleBroken) as refused:
        submitted(personas, material=upload)
    assert refused.value.field == "material" and refused.value.code == code
    assert not PartnerRequest.objects.exists()


def test_a_video_is_accepted_and_a_file_over_the_limit_is_refused(
    personas: dict[str, Any], settings: Any
) -> None:
    video = SimpleUploadedFile("call.mp4", b"\x00\x00\x00\x18ftypisom sample video")
    assert submitted(personas, material=video).material.name.endswith(".mp4")
    settings.ENGAGEMENT_REQUEST_MATERIAL_MAX_BYTES = 10
    with pytest.raises(RuleBroken) as too_big:
        submitted(personas, material=pdf())
    assert too_big.value.code == "material_too_big"


# The decision --------------------------------------------------------------------------------


def test_approval_makes_a_draft_opportunity_and_contacts_nobody_but_the_partner(
    personas: dict[str, Any],
) -> None:
    partner = personas["partner_agency"]
    item = submitted(personas, people_wanted=8, ends_on=date(2026, 6, 25))
    request_decide(actor=personas["programme_admin"], request=item, decision="approve")

    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED and item.decided_by == personas["programme_admin"]
    made = Opportunity.objects.get(request=item)
    assert made.status == OpportunityStatus.DRAFT
    assert made.kind == Kind.SURVEY and made.title == item.title
    assert made.asked_by == partner.organisation.name
    assert made.places == 8 and made.duration_minutes == 30
    assert made.purpose == item.what_to_learn and made.involves == item.material_description
    assert made.opens_at == datetime(2026, 6, 11, tzinfo=LONDON)
    assert made.closes_at == datetime(2026, 6, 26, tzinfo=LONDON)  # the end of 25 June
    # Nobody on the register is contacted: no invitation, one email, to the partner.
    assert not Invitation.objects.exists()
    sent = Message.objects.get()
    assert sent.template == "engagement_request_decided"
    assert sent.recipient == partner.email
    assert item.title in sent.body and "approved" in sent.body
    assert reverse("engagement:request", args=[item.pk]) in sent.body
    decided = AuditEvent.objects.get(action="engagement.request_decided")
    assert set(decided.fields) == {"status", "opportunity"}
    assert AuditEvent.objects.filter(action="engagement.opportunity_from_request").count() == 1
    # Made once: asking again gives the same opportunity.
    again = opportunity_from_request(actor=personas["programme_admin"], request=item)
    assert again == made and Opportunity.objects.count() == 1


def test_only_an_approved_request_becomes_an_opportunity(personas: dict[str, Any]) -> None:
    item = submitted(personas)
    with pytest.raises(RuleBroken):
        opportunity_from_request(actor=personas["programme_admin"], request=item)
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("decision", ["changes", "decline"])
def test_asking_for_changes_or_declining_needs_a_reason_the_partner_is_sent(
    personas: dict[str, Any], decision: str
) -> None:
    admin = personas["programme_admin"]
    item = submitted(personas)
    with pytest.raises(RuleBroken) as no_reason:
        request_decide(actor=admin, request=item, decision=decision, reason="  ")
    assert no_reason.value.field == "reason"
    request_decide(actor=admin, request=item, decision=decision, reason="Add a Welsh version.")
    item.refresh_from_db()
    assert item.status == (
        RequestStatus.CHANGES_REQUESTED if decision == "changes" else RequestStatus.DECLINED
    )
    assert item.decision_reason == "Add a Welsh version."
    assert not Opportunity.objects.exists()
    assert "Add a Welsh version." in Message.objects.get().body
    event = AuditEvent.objects.get(action="engagement.request_decided")
    assert "Welsh" not in event.note


def test_a_request_is_decided_once_and_only_by_the_programme_team(
    personas: dict[str, Any],
) -> None:
    item = submitted(personas)
    with pytest.raises(PermissionDenied):
        request_decide(actor=personas["partner_agency"], request=item, decision="approve")
    request_decide(actor=personas["programme_admin"], request=item, decision="decline", reason="No")
    with pytest.raises(RuleBroken) as twice:
        request_decide(actor=personas["programme_admin"], request=item, decision="approve")
    assert twice.value.code == "not_waiting_for_decision"
    assert not Opportunity.objects.exists()


# Changing, resubmitting and withdrawing -------------------------------------------------------


def test_a_request_with_changes_asked_for_is_sent_again_under_the_timeframe_with_a_new_deadline(
    personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    partner, admin = personas["partner_agency"], personas["programme_admin"]
    item = submitted(personas, material=pdf())
    old_file = item.material.name
    with pytest.raises(RuleBroken) as not_yet:
        request_resubmit(actor=partner, request=item, **answers())
    assert not_yet.value.code == "not_changes_requested"
    request_decide(actor=admin, request=item, decision="changes", reason="Fewer questions.")

    with time_machine.travel(datetime(2026, 5, 21, 10, 0, tzinfo=UTC), tick=False):
        # Sent again the next day: 11 June is now a day short of the least notice.
        with pytest.raises(RuleBroken) as too_soon:
            request_resubmit(actor=partner, request=item, **answers())
        assert "12 June 2026" in str(too_soon.value)
        with django_capture_on_commit_callbacks(execute=True):
            again = request_resubmit(
                actor=partner,
                request=item,
                **answers(starts_on=date(2026, 6, 15), people_wanted=10),
                remove_material=True,
            )
    assert again.status == RequestStatus.SUBMITTED
    assert again.decide_by == date(2026, 5, 29)
    assert again.people_wanted == 10 and not again.material
    assert not again.material.storage.exists(old_file)
    event = AuditEvent.objects.get(action="engagement.request_resubmitted")
    assert {"people_wanted", "starts_on", "material", "decide_by"} <= set(event.fields)
    assert "title" not in event.fields  # unchanged


def test_a_request_can_be_withdrawn_until_it_is_decided(personas: dict[str, Any]) -> None:
    partner, admin = personas["partner_agency"], personas["programme_admin"]
    first = submitted(personas)
    assert request_withdraw(actor=partner, request=first).status == RequestStatus.WITHDRAWN
    second = submitted(personas)
    request_decide(actor=admin, request=second, decision="approve")
    with pytest.raises(RuleBroken):
        request_withdraw(actor=partner, request=second)
    with pytest.raises(PermissionDenied):
        request_withdraw(actor=other_partner(), request=submitted(personas))


# The pages -----------------------------------------------------------------------------------


def form_data(**changes: Any) -> dict[str, Any]:
    data = answers(**changes)
    starts, ends = data.pop("starts_on"), data.pop("ends_on")
    return data | {
        "starts_on-day": starts.day,
        "starts_on-month": starts.month,
        "starts_on-year": starts.year,
        "ends_on-day": ends.day,
        "ends_on-month": ends.month,
        "ends_on-year": ends.year,
    }


def test_a_partner_sends_a_request_on_the_page_and_sees_its_deadline(client_as: Any) -> None:
    browser = client_as("partner_agency")
    page = browser.get(reverse("engagement:request_new")).content.decode()
    assert "at least 15 working days" in page and "11 June 2026" in page

    response = browser.post(
        reverse("engagement:request_new"), form_data() | {"material": pdf()}, follow=True
    )
    text = response.content.decode()
    item = PartnerRequest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("engagement:request", args=[item.pk])
    assert "The programme team will decide by 28 May 2026" in text
    assert "Waiting for a decision" in text and "Download the file" in text
    assert item.material


def test_the_page_shows_the_earliest_date_when_a_request_is_too_soon(client_as: Any) -> None:
    response = client_as("partner_agency").post(
        reverse("engagement:request_new"), form_data(starts_on=date(2026, 6, 1))
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "The earliest you can ask for is 11 June 2026" in text
    assert 'href="#starts_on-day"' in text
    assert not PartnerRequest.objects.exists()


def test_a_partner_sees_only_their_own_organisations_requests(
    personas: dict[str, Any], client_as: Any
) -> None:
    item = submitted(personas, material=pdf())
    outsider = sign_in(CheckedClient(), other_partner())
    for name in ("request", "request_material", "request_withdraw"):
        url = reverse(f"engagement:{name}", kwargs={"request_id": item.pk})
        assert outsider.get(url).status_code == 404, name
    dashboard = outsider.get(reverse("accounts:dashboard_partner_agency")).content.decode()
    assert item.title not in dashboard
    assert (
        client_as("partner_agency").get(reverse("engagement:request", args=[item.pk])).status_code
        == 200
    )


def test_the_team_list_puts_overdue_requests_first(
    personas: dict[str, Any], client_as: Any
) -> None:
    organisation = personas["partner_agency"].organisation
    partner_request(
        organisation=organisation, title="Due next week", decide_by=TODAY + timedelta(7)
    )
    partner_request(
        organisation=organisation, title="Late for a decision", decide_by=TODAY - timedelta(2)
    )
    partner_request(organisation=organisation, title="Due today", decide_by=TODAY)
    partner_request(
        organisation=organisation,
        title="Waiting on the partner",
        decide_by=TODAY - timedelta(5),
        status=RequestStatus.CHANGES_REQUESTED,
    )
    text = client_as("programme_admin").get(reverse("engagement:requests")).content.decode()
    order = [
        text.index(title)
        for title in ("Late for a decision", "Due today", "Due next week", "Waiting on the partner")
    ]
    assert order == sorted(order)
    assert "1 request is overdue a decision" in text
    assert len(re.findall(r">\s*Overdue\s*<", text)) == 1


def test_the_request_page_says_when_a_decision_is_overdue(
    personas: dict[str, Any], client_as: Any
) -> None:
    item = partner_request(
        organisation=personas["partner_agency"].organisation, decide_by=TODAY - timedelta(1)
    )
    for persona in ("programme_admin", "partner_agency"):
        text = client_as(persona).get(reverse("engagement:request", args=[item.pk]))
        assert "19 May 2026: overdue" in text.content.decode()


def test_the_team_decides_on_the_page(personas: dict[str, Any], client_as: Any) -> None:
    item = submitted(personas)
    browser = client_as("programme_admin")
    url = reverse("engagement:request_decide", args=[item.pk])
    missing = browser.post(url, {"decision": "changes", "reason": ""})
    assert missing.status_code == 200 and "Say what needs to change" in missing.content.decode()
    response = browser.post(url, {"decision": "approve"}, follow=True)
    text = response.content.decode()
    assert "Nobody has been contacted" in text
    # The draft opportunity's dates are London's: from 11 June to the end of 25 June.
    assert "Being prepared" in text
    assert "11 June 2026" in text and "25 June 2026" in text and "26 June" not in text
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED
    # Decided: the page sends the team back to the request.
    assert browser.get(url).status_code == 302


def test_the_partner_changes_a_request_on_the_page(
    personas: dict[str, Any], client_as: Any
) -> None:
    item = submitted(personas)
    browser = client_as("partner_agency")
    url = reverse("engagement:request_change", args=[item.pk])
    assert browser.get(url).status_code == 302  # no changes asked for yet
    request_decide(
        actor=personas["programme_admin"], request=item, decision="changes", reason="Add dates."
    )
    page = browser.get(url).content.decode()
    assert "Add dates." in page and 'value="Victims&#39; views on our letters"' in page
    assert 'name="starts_on-day" type="text" value="11"' in page or 'value="11"' in page
    response = browser.post(url, form_data(people_wanted=9), follow=True)
    assert "Your changed request was sent" in response.content.decode()
    item.refresh_from_db()
    assert item.status == RequestStatus.SUBMITTED and item.people_wanted == 9


def test_the_partner_withdraws_on_the_page(personas: dict[str, Any], client_as: Any) -> None:
    item = submitted(personas)
    browser = client_as("partner_agency")
    url = reverse("engagement:request_withdraw", args=[item.pk])
    assert "Withdraw your request" in browser.get(url).content.decode()
    response = browser.post(url, follow=True)
    assert "The request is withdrawn" in response.content.decode()
    item.refresh_from_db()
    assert item.status == RequestStatus.WITHDRAWN


# The partner's dashboard ----------------------------------------------------------------------


def test_the_partner_dashboard_offers_a_request_and_lists_deadlines(
    personas: dict[str, Any], client_as: Any
) -> None:
    organisation = personas["partner_agency"].organisation
    partner_request(organisation=organisation, title="Letters survey", decide_by=DECIDE_BY)
    released = partner_request(
        organisation=organisation, title="Call handling video", status=RequestStatus.APPROVED
    )
    opportunity(
        request=released,
        status=OpportunityStatus.RESULTS_RELEASED,
        results_released_at=timezone.now(),
        change_due_on=date(2026, 6, 19),
    )
    text = client_as("partner_agency").get(reverse("accounts:dashboard_partner_agency"))
    page = text.content.decode()
    assert "coming soon" not in page.lower()
    assert f'href="{reverse("engagement:request_new")}"' in page
    assert "at least 15 working days" in page
    assert "Letters survey" in page and "Decision due by 28 May 2026" in page
    assert "Call handling video" in page and "Say what you changed by 19 June 2026" in page
    assert reverse("engagement:request", args=[released.pk]) in page


def test_the_partner_dashboard_makes_the_same_number_of_queries_however_many_requests(
    personas: dict[str, Any], client_as: Any
) -> None:
    organisation = personas["partner_agency"].organisation
    first = partner_request(organisation=organisation, status=RequestStatus.APPROVED)
    opportunity(request=first)
    browser = client_as("partner_agency")
    url = reverse("accounts:dashboard_partner_agency")
    browser.get(url)
    with CaptureQueriesContext(connection) as before:
        browser.get(url)
    for n in range(3):
        more = partner_request(
            organisation=organisation, title=f"Extra {n}", status=RequestStatus.APPROVED
        )
        opportunity(request=more)
    with CaptureQueriesContext(connection) as after:
        response = browser.get(url)
    assert "Extra 2" in response.content.decode()
    assert len(after) == len(before)


def test_the_request_page_links_to_released_results_only(
    personas: dict[str, Any], client_as: Any
) -> None:
    item = partner_request(
        organisation=personas["partner_agency"].organisation, status=RequestStatus.APPROVED
    )
    made = opportunity(request=item, status=OpportunityStatus.CLOSED)
    try:
        results = reverse("engagement:results", kwargs={"opportunity_id": made.pk})
    except NoReverseMatch:
        pytest.skip("The results pages are not built yet.")
    browser = client_as("partner_agency")
    assert (
        results not in browser.get(reverse("engagement:request", args=[item.pk])).content.decode()
    )
    Opportunity.objects.filter(pk=made.pk).update(
        status=OpportunityStatus.RESULTS_RELEASED, results_released_at=timezone.now()
    )
    assert results in browser.get(reverse("engagement:request", args=[item.pk])).content.decode()
