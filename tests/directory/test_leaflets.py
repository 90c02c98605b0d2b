"""Leaflets: a printable PDF for a team with its QR code, the rights in short and local
support services, in English, Welsh and the other leaflet languages (Arabic right to
left). Officers print their own team's; the programme team prints any team's."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from directory.demo import seed_directory
from directory.models import RightSummary
from feedback.models import Borough, FeedbackCode, Language
from feedback.services import officer_posting_set, team_ensure

pytestmark = pytest.mark.django_db

LEAFLETS = reverse("directory:leaflets")


@pytest.fixture
def teams():
    seed_directory()
    camden = team_ensure(borough=Borough.objects.get(slug="camden"), name="Camden response A")
    lambeth = team_ensure(borough=Borough.objects.get(slug="lambeth"), name="Lambeth response B")
    return camden, lambeth


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def images_of(reader: PdfReader) -> int:
    """Images drawn on the first page (where the QR code is)."""
    return len(reader.pages[0].images)


def test_the_programme_team_downloads_an_english_leaflet(client_as, teams) -> None:
    camden, _lambeth = teams
    response = client_as("programme_admin").get(LEAFLETS, {"team": camden.slug, "language": "en"})
    reader = pdf_of(response)
    text = text_of(reader)
    assert "Your rights and where to get support" in text
    assert "To make a Victim Personal Statement" in text
    assert "To be told about compensation" in text  # the rights pages' plain words
    assert "To be given information about compensation" not in text
    assert "Support services near you" in text and "Camden" in text
    assert "Northgate Neighbourhood Help" in text or "Neighbourhood burglary" in text
    assert "If you are in danger now, call 999." in text
    assert images_of(reader) == 1  # the QR code
    assert len(reader.pages) == 1  # one A4 sheet
    code = FeedbackCode.objects.get(team=camden, officer__isnull=True)
    assert f"/f/{code.code}/" in text
    assert 'filename="leaflet-camden-response-a-en.pdf"' in response["Content-Disposition"]


def test_a_welsh_leaflet_is_in_welsh(client_as, teams) -> None:
    camden, _ = teams
    reader = pdf_of(
        client_as("programme_admin").get(LEAFLETS, {"team": camden.slug, "language": "cy"})
    )
    text = text_of(reader)
    assert "Gwneud Datganiad Personol Dioddefwr" in text
    assert "Cael gwybod am iawndal" in text
    assert images_of(reader) == 1


@pytest.mark.parametrize("code", ["pl", "ro", "pt", "es"])
def test_machine_made_leaflets_say_so(client_as, teams, code) -> None:
    camden, _ = teams
    reader = pdf_of(
        client_as("programme_admin").get(LEAFLETS, {"team": camden.slug, "language": code})
    )
    text = text_of(reader)
    summary = RightSummary.objects.get(language__code=code, number=1)
    assert summary.machine_translated and not summary.reviewed
    assert summary.title in text
    assert images_of(reader) == 1


def test_an_arabic_leaflet_is_right_to_left(client_as, teams) -> None:
    from directory.leaflets import leaflet_context

    camden, _ = teams
    arabic = Language.objects.get(code="ar")
    context = leaflet_context(team=camden, language=arabic, site_url="https://example.org")
    assert context["language"].direction == "rtl"
    assert context["rights"][0].title == "الحق في أن تفهم وأن تُفهَم"
    reader = pdf_of(
        client_as("programme_admin").get(LEAFLETS, {"team": camden.slug, "language": "ar"})
    )
    assert images_of(reader) == 1
    assert "999" in text_of(reader)


def test_every_leaflet_language_has_all_twelve_rights() -> None:
    for code in ["en", "cy", "pl", "ro", "bn", "pt", "es", "ar"]:
        assert RightSummary.objects.filter(language__code=code).count() == 12, code
    assert not RightSummary.objects.filter(language__code__in=["en", "cy"], machine_translated=True)


def test_an_officer_prints_only_their_own_teams_leaflet(client_as, personas, teams) -> None:
    camden, lambeth = teams
    officer_posting_set(officer=personas["officer"], team=camden)
    client = client_as("officer")
    page = client.get(LEAFLETS).content.decode()
    assert camden.name in page and lambeth.name not in page
    assert pdf_of(client.get(LEAFLETS, {"team": camden.slug, "language": "en"}))
    refused = client.get(LEAFLETS, {"team": lambeth.slug, "language": "en"})
    assert refused["Content-Type"].startswith("text/html")
    assert "Select a valid choice" in refused.content.decode()


def test_an_officer_without_a_team_is_told_so(client_as, teams) -> None:
    body = client_as("officer").get(LEAFLETS).content.decode()
    assert "You are not posted to a team yet" in body


@pytest.mark.parametrize("persona", ["analyst", "desk_agent", "member", "outsider"])
def test_other_personas_cannot_print_leaflets(client_as, teams, persona) -> None:
    camden, _ = teams
    response = client_as(persona).get(LEAFLETS, {"team": camden.slug, "language": "en"})
    assert response.status_code == 403
