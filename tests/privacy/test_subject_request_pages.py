"""Subject requests end to end: the DPO finds a person, exports and erases their data."""

import json
import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from notify.models import Message
from notify.services import message_send
from pages.models import ServiceFeedback
from privacy.models import AuditAction, AuditEvent, LegalHold, SubjectRequest
from privacy.subjects import registry

pytestmark = pytest.mark.django_db

SEARCH = reverse("privacy:subject_search")


def person_url(name: str, user: User) -> str:
    return reverse(name, kwargs={"person_key": f"user-{user.pk}"})


@pytest.fixture
def member_data(personas: dict[str, User], client_as: Any) -> dict[str, Any]:
    """The member with a message, a signed-in session and feedback that names them."""
    member = personas["member"]
    message = message_send(
        template="sign_in_code", to_email=member.email, personalisation={"code": "K7Q2XM"}
    )
    member_client = client_as("member")
    member_client.get(reverse("accounts:dashboard_member"))
    feedback = ServiceFeedback.objects.create(
        satisfaction="satisfied", comments="Morgan Member was very helpful to me."
    )
    return {"member": member, "message": message, "feedback": feedback}


def search(client: Any, **data: str) -> Any:
    return client.post(SEARCH, {"email": "", "phone": "", "name": "", **data}, follow=True)


def sessions_of(user: User) -> list[Session]:
    return [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def test_searching_by_email_finds_the_member_and_records_the_search_without_terms(
    client_as: Any, member_data: dict[str, Any]
) -> None:
    dpo = client_as("dpo")
    response = search(dpo, email="MEMBER@Example.org")
    assert response.redirect_chain[-1][0] == reverse("privacy:subject_results")
    html = response.content.decode()
    assert "Morgan Member" in html
    assert person_url("privacy:subject_person", member_data["member"]) in html
    event = AuditEvent.objects.filter(action=AuditAction.SUBJECT_SEARCHED).latest("id")
    assert event.note == "searched by: email"
    assert "morgan" not in event.note.lower()


def test_no_search_term_reaches_a_url(client_as: Any, member_data: dict[str, Any]) -> None:
    dpo = client_as("dpo")
    response = search(dpo, email="member@example.org", name="Morgan")
    for url, _status in response.redirect_chain:
        assert "member" not in url.lower()
    html = response.content.decode()
    assert "member%40" not in html and "?email=" not in html


def test_a_search_needs_an_email_phone_or_name(client_as: Any) -> None:
    response = client_as("dpo").post(SEARCH, {"email": "", "phone": "", "name": ""})
    assert response.status_code == 400
    assert "Enter an email address, a phone number or a name" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.SUBJECT_SEARCHED).exists()


def test_searching_by_name_finds_the_account_and_the_feedback_that_mentions_it(
    client_as: Any, member_data: dict[str, Any]
) -> None:
    dpo = client_as("dpo")
    search(dpo, name="morgan member")
    page = dpo.get(person_url("privacy:subject_person", member_data["member"]))
    html = page.content.decode()
    assert "Sign-in code" in html or "Email" in html
    assert "Feedback comment sent" in html
    assert "Account" in html
    viewed = AuditEvent.objects.filter(action=AuditAction.VIEW_IDENTITY).latest("id")
    assert viewed.object_id == str(member_data["member"].pk)


def test_a_phone_number_without_an_account_is_found_in_any_common_form(
    client_as: Any,
) -> None:
    message_send(template="sign_in_code", to_phone="+447700900982", personalisation={"code": "1"})
    dpo = client_as("dpo")
    response = search(dpo, phone="07700 900 982")
    html = response.content.decode()
    assert "07700900982" in html
    assert "1 person or detail matches your search." in html


def test_the_export_shows_their_data_and_the_json_has_every_providers_section(
    client_as: Any, member_data: dict[str, Any]
) -> None:
    member = member_data["member"]
    dpo = client_as("dpo")
    response = dpo.post(person_url("privacy:subject_export", member), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Data held about Morgan Member" in html
    assert member.email in html
    assert "K7Q2XM" in html  # the message body, decrypted
    assert "Morgan Member was very helpful" in html
    request = SubjectRequest.objects.get(kind="access")
    assert request.receipt["models"]["notify.message"] == {"exported": 1}
    assert "Morgan" not in json.dumps(request.receipt)
    event = AuditEvent.objects.get(action=AuditAction.SUBJECT_EXPORTED)
    assert event.object_type == "accounts.user" and event.object_id == str(member.pk)

    download = dpo.get(reverse("privacy:subject_export_json", args=[request.pk]))
    assert download["Content-Type"].startswith("application/json")
    assert "attachment" in download["Content-Disposition"]
    document = json.loads(download.content)
    names = [section["name"] for section in document["providers"]]
    assert names == [p.name for p in registry.providers]
    by_name = {section["name"]: section for section in document["providers"]}
    account = by_name["accounts"]["records"][0]
    assert {"label": "Email address", "value": member.email} in account["fields"]
    messages = by_name["notify"]["records"]
    assert any("K7Q2XM" in f["value"] for f in messages[0]["fields"])


def test_an_export_cannot_be_opened_from_another_session(
    client_as: Any, member_data: dict[str, Any]
) -> None:
    dpo = client_as("dpo")
    dpo.post(person_url("privacy:subject_export", member_data["member"]))
    request = SubjectRequest.objects.get(kind="access")
    other = client_as("dpo")
    url = reverse("privacy:subject_export_document", args=[request.pk])
    assert other.get(url).status_code == 404


def test_erasure_needs_the_word_erase(client_as: Any, member_data: dict[str, Any]) -> None:
    member = member_data["member"]
    response = client_as("dpo").post(
        person_url("privacy:subject_erase", member), {"confirm": "yes"}
    )
    assert response.status_code == 400
    assert "Type ERASE to confirm the erasure" in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == "Morgan Member"


def test_erasure_anonymises_the_account_and_removes_everything_linked(
    client_as: Any, member_data: dict[str, Any]
) -> None:
    from allauth.usersessions.models import UserSession

    member = member_data["member"]
    email = member.email
    assert sessions_of(member)
    dpo = client_as("dpo")
    page = dpo.get(person_url("privacy:subject_erase", member))
    assert "Erase Morgan Member’s data?" in page.content.decode()
    response = dpo.post(
        person_url("privacy:subject_erase", member), {"confirm": "ERASE"}, follow=True
    )
    assert response.status_code == 200

    member.refresh_from_db()
    assert member.full_name == "Erased person"
    assert member.email.endswith("@example.invalid") and member.email != email
    assert not member.has_usable_password()
    assert not member.is_active
    assert not RoleAssignment.objects.filter(user=member, ended_at__isnull=True).exists()
    assert not Message.objects.filter(pk=member_data["message"].pk).exists()
    assert not sessions_of(member)
    assert not UserSession.objects.filter(user=member).exists()
    feedback = ServiceFeedback.objects.get(pk=member_data["feedback"].pk)
    assert "Morgan" not in feedback.comments and "[erased]" in feedback.comments
    assert not User.objects.filter(email__iexact=email).exists()

    request = SubjectRequest.objects.get(kind="erasure")
    models = request.receipt["models"]
    assert models["accounts.user"]["anonymised"] == 1
    assert models["notify.message"]["erased"] == 1
    assert models["pages.servicefeedback"]["anonymised"] == 1
    assert email not in json.dumps(request.receipt)
    html = response.content.decode()
    assert f"Receipt for request {request.pk}" in html
    assert "Morgan" not in html
    event = AuditEvent.objects.get(action=AuditAction.SUBJECT_ERASED)
    assert event.object_id == str(member.pk)
    assert "Morgan" not in event.note

    receipts = dpo.get(reverse("privacy:subject_receipts")).content.decode()
    assert f"Request {request.pk}" in receipts


def test_held_records_survive_erasure_and_the_receipt_counts_them(
    client_as: Any, personas: dict[str, User], member_data: dict[str, Any]
) -> None:
    member = member_data["member"]
    dpo = client_as("dpo")
    hold_page = dpo.get(person_url("privacy:subject_hold", member))
    assert hold_page.status_code == 200
    # Hold only the message.
    from privacy.selectors import user_group

    group = user_group(member)
    message_ref = next(m.ref for m in group.matches if m.model == "notify.message")
    response = dpo.post(
        person_url("privacy:subject_hold", member),
        {"records": [message_ref], "reason": "Claim reference 123"},
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.model_label, hold.object_id) == ("notify.message", str(member_data["message"].pk))
    assert AuditEvent.objects.filter(action=AuditAction.LEGAL_HOLD_PLACED, object_id=str(hold.pk))
    person_page = dpo.get(person_url("privacy:subject_person", member)).content.decode()
    assert person_page.count("govuk-tag--yellow") == 1
    assert "1 record is under a legal hold" in person_page

    dpo.post(person_url("privacy:subject_erase", member), {"confirm": "ERASE"})
    assert Message.objects.filter(pk=member_data["message"].pk).exists()
    member.refresh_from_db()
    assert member.full_name == "Erased person"
    receipt = SubjectRequest.objects.get(kind="erasure").receipt["models"]
    assert receipt["notify.message"] == {"erased": 0, "anonymised": 0, "held": 1, "kept": 0}


def test_a_hold_on_the_account_keeps_everything_of_theirs(
    client_as: Any, member_data: dict[str, Any]
) -> None:
    from privacy.selectors import user_group

    member = member_data["member"]
    dpo = client_as("dpo")
    account_ref = next(m.ref for m in user_group(member).matches if m.model == "accounts.user")
    dpo.post(
        person_url("privacy:subject_hold", member),
        {"records": [account_ref], "reason": "Court order"},
    )
    dpo.post(person_url("privacy:subject_erase", member), {"confirm": "ERASE"})
    member.refresh_from_db()
    assert member.full_name == "Morgan Member"
    assert Message.objects.filter(pk=member_data["message"].pk).exists()
    assert sessions_of(member)
    receipt = SubjectRequest.objects.get(kind="erasure").receipt["models"]
    assert all(c["erased"] == 0 and c["anonymised"] == 0 for c in receipt.values())
    assert receipt["accounts.user"]["held"] == 1


def test_releasing_a_hold_lets_the_record_be_erased(
    client_as: Any, personas: dict[str, User], member_data: dict[str, Any]
) -> None:
    member = member_data["member"]
    hold = LegalHold.objects.create(
        model_label="accounts.user",
        object_id=str(member.pk),
        reason="Claim",
        placed_by=personas["dpo"],
    )
    dpo = client_as("dpo")
    listing = dpo.get(reverse("privacy:legal_holds")).content.decode()
    assert "In force" in listing
    url = reverse("privacy:legal_hold_release", args=[hold.pk])
    assert dpo.get(url).status_code == 200
    assert dpo.post(url).status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.released_by == personas["dpo"]
    assert AuditEvent.objects.filter(action=AuditAction.LEGAL_HOLD_RELEASED).exists()
    dpo.post(person_url("privacy:subject_erase", member), {"confirm": "ERASE"})
    member.refresh_from_db()
    assert member.full_name == "Erased person"


def test_the_dpo_cannot_erase_themselves(client_as: Any, personas: dict[str, User]) -> None:
    dpo_user = personas["dpo"]
    dpo = client_as("dpo")
    page = dpo.get(person_url("privacy:subject_erase", dpo_user)).content.decode()
    assert "You cannot erase your own data" in page
    dpo.post(person_url("privacy:subject_erase", dpo_user), {"confirm": "ERASE"})
    dpo_user.refresh_from_db()
    assert dpo_user.full_name == "Dana Protection"
    assert not SubjectRequest.objects.exists()


def test_the_last_programme_admin_cannot_be_erased(
    client_as: Any, personas: dict[str, User]
) -> None:
    admin = personas["programme_admin"]
    dpo = client_as("dpo")
    response = dpo.post(person_url("privacy:subject_erase", admin), {"confirm": "ERASE"})
    assert "only programme admin" in response.content.decode()
    admin.refresh_from_db()
    assert admin.full_name == "Priya Admin"
    # With a second programme admin, the erasure goes ahead.
    RoleAssignment.objects.create(user=personas["analyst"], role=Role.PROGRAMME_ADMIN)
    dpo.post(person_url("privacy:subject_erase", admin), {"confirm": "ERASE"})
    admin.refresh_from_db()
    assert admin.full_name == "Erased person"


@pytest.mark.parametrize("persona", ["programme_admin", "member", "analyst"])
def test_other_people_cannot_search_or_erase(
    client_as: Any, personas: dict[str, User], persona: str
) -> None:
    client = client_as(persona)
    assert client.post(SEARCH, {"email": personas["member"].email}).status_code == 403
    erase = person_url("privacy:subject_erase", personas["member"])
    assert client.post(erase, {"confirm": "ERASE"}).status_code == 403
    personas["member"].refresh_from_db()
    assert personas["member"].full_name == "Morgan Member"


def test_the_dpo_dashboard_links_to_subject_requests_and_legal_holds(client_as: Any) -> None:
    html = client_as("dpo").get(reverse("accounts:dashboard_dpo")).content.decode()
    assert f'href="{SEARCH}"' in html
    assert f'href="{reverse("privacy:legal_holds")}"' in html


def _queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_receipts_and_holds_lists_take_the_same_queries_for_one_row_or_many(
    client_as: Any, personas: dict[str, User]
) -> None:
    dpo_user = personas["dpo"]
    dpo = client_as("dpo")

    def add(n: int) -> None:
        for i in range(n):
            SubjectRequest.objects.create(kind="access", handled_by=dpo_user, receipt={})
            LegalHold.objects.create(
                model_label="notify.message", object_id=str(i), reason="Claim", placed_by=dpo_user
            )

    add(1)
    dpo.get(reverse("privacy:subject_receipts"))  # the session's first page does extra work
    receipts_one = _queries(dpo, reverse("privacy:subject_receipts"))
    holds_one = _queries(dpo, reverse("privacy:legal_holds"))
    add(6)
    assert _queries(dpo, reverse("privacy:subject_receipts")) == receipts_one
    assert _queries(dpo, reverse("privacy:legal_holds")) == holds_one


def test_the_holds_list_names_the_type_of_record(
    client_as: Any, personas: dict[str, User], member_data: dict[str, Any]
) -> None:
    LegalHold.objects.create(
        model_label="notify.message",
        object_id=str(member_data["message"].pk),
        reason="Claim",
        placed_by=personas["dpo"],
    )
    html = client_as("dpo").get(reverse("privacy:legal_holds")).content.decode()
    assert f"Message {member_data['message'].pk}" in html


def test_a_person_without_an_account_is_erased_by_phone_and_named_only_by_a_hash(
    client_as: Any,
) -> None:
    message = message_send(
        template="sign_in_code", to_phone="07700900982", personalisation={"code": "1"}
    )
    dpo = client_as("dpo")
    html = search(dpo, phone="+44 7700 900982").content.decode()
    person_path = re.search(r'href="(/privacy-team/subjects/phone-[0-9a-f]+/)"', html)
    assert person_path is not None
    url = person_path.group(1)
    assert "7700" not in url
    assert client_as("dpo").get(url).status_code == 404  # no search in that session

    dpo.post(url + "erase/", {"confirm": "erase"})
    assert not Message.objects.filter(pk=message.pk).exists()
    receipt = SubjectRequest.objects.get(kind="erasure").receipt
    assert receipt == {
        "subject": "phone",
        "models": {"notify.message": {"erased": 1, "anonymised": 0, "held": 0, "kept": 0}},
    }
    event = AuditEvent.objects.get(action=AuditAction.SUBJECT_ERASED)
    assert event.object_type == "privacy.subjectrequest"
