"""A member's own data: seen on a page, downloaded as JSON, and a request to delete it
that the data protection officer sees."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from portal.models import ErasureRequest
from privacy.models import SubjectRequest
from tests.portal.fixtures import claim, join

pytestmark = pytest.mark.django_db


def test_a_member_downloads_their_data_as_json(client_as, personas) -> None:
    made = claim(personas)
    response = client_as("member").get(reverse("portal:data_json"))
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    names = {p["name"] for p in document["providers"] if p["records"]}
    assert {"expenses", "forums", "accounts"} <= names
    assert made.reference in response.content.decode()
    assert SubjectRequest.objects.filter(handled_by=personas["member"]).exists()


def test_a_member_sees_their_data_on_a_page(client_as, personas) -> None:
    made = claim(personas)
    body = client_as("member").get(reverse("portal:data_html")).content.decode()
    assert made.reference in body
    assert personas["member"].email in body


def test_the_download_holds_only_the_members_own_data(client, personas) -> None:
    claim(personas)
    other = join(personas, email="sam.second@example.org")
    client.force_login(other.user)
    body = client.get(reverse("portal:data_json")).content.decode()
    assert personas["member"].email not in body
    assert "EXP-" not in body


def test_a_deletion_request_reaches_the_dpo_once(client_as, personas) -> None:
    client = client_as("member")
    assert client.get(reverse("portal:erasure")).status_code == 200
    client.post(reverse("portal:erasure"))
    client.post(reverse("portal:erasure"))
    request = ErasureRequest.objects.get()
    assert request.user == personas["member"]
    assert "You have asked us to delete" in client.get(reverse("portal:your_data")).content.decode()
    dpo = client_as("dpo")
    page = dpo.get(reverse("portal:erasure_requests")).content.decode()
    assert reverse("privacy:subject_person", args=[f"user-{personas['member'].pk}"]) in page
    dpo.post(reverse("portal:erasure_request_handled", args=[request.pk]))
    request.refresh_from_db()
    assert request.handled_by == personas["dpo"]
    assert "No requests are waiting" in dpo.get(reverse("portal:erasure_requests")).content.decode()
