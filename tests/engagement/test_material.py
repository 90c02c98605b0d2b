"""Material for a review: the programme team's upload, the checked view through an
invitation's link (never downloadable, access that expires, the viewer's name over the
video, every view audited), internal-only material never served outside, and comments on a
document by section (docs/engagement.md, "Document and video review")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    DocumentComment,
    Invitation,
    InvitationStatus,
    Kind,
    Material,
    MaterialGrant,
    MaterialKind,
    OpportunityStatus,
    Sensitivity,
)
from engagement.services.material import (
    document_comment_add,
    material_add,
    material_remove,
)
from engagement.tokens import new_token
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from redaction.services import redaction_release
from tests.engagement.factories import opportunity, participant

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 20 + b"%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 8
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + b"\x00" * 200


# Scenery (also used by tests/engagement/access.py) ------------------------------------------


def review_opportunity(**fields: Any) -> Any:
    return opportunity(
        **{
            "kind": Kind.VIDEO_REVIEW,
            "title": "How we answer a 999 call today, and how we want to",
            "content_notes": "A caller describes a burglary.",
            **fields,
        }
    )


def add_material(
    opp: Any = None,
    *,
    kind: str = MaterialKind.VIDEO,
    internal_only: bool = False,
    sections: list[str] | None = None,
) -> Material:
    """Material made directly (the upload itself is tested through the page)."""
    opp = opp or review_opportunity()
    body, content_type, name = (
        (PDF, "application/pdf", "doc.pdf")
        if kind == MaterialKind.DOCUMENT
        else (MP4, "video/mp4", "film.mp4")
    )
    item = Material(
        opportunity=opp,
        kind=kind,
        title="Call handling: today and tomorrow",
        content_type=content_type,
        internal_only=internal_only,
        sections=sections or [],
    )
    item.file.save(name, ContentFile(body), save=False)
    item.save()
    return item


def invite(
    opp: Any, *, status: str = InvitationStatus.ACCEPTED, **person: Any
) -> tuple[Invitation, str]:
    token, digest = new_token(purpose="invitation")
    invitation = Invitation.objects.create(
        opportunity=opp,
        participant=participant(**person),
        token_digest=digest,
        status=status,
    )
    return invitation, token


def material_link(p: dict[str, Any] | None = None, *, opened: bool = False) -> dict[str, Any]:
    """A video and a yes to its invitation: the URL kwargs of the checked view."""
    item = add_material()
    invitation, token = invite(item.opportunity)
    if opened:
        MaterialGrant.objects.create(
            material=item, invitation=invitation, expires_at=timezone.now() + timedelta(hours=1)
        )
    return {"token": token, "material_id": item.pk}


def team_material(p: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"material_id": add_material(internal_only=True).pk}


def team_opportunity(p: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"opportunity_id": review_opportunity().pk}


# Helpers -----------------------------------------------------------------------------------


def view_url(item: Material, token: str) -> str:
    return reverse("engagement:material_view", kwargs={"token": token, "material_id": item.pk})


def file_url(item: Material, token: str) -> str:
    return reverse("engagement:material_file", kwargs={"token": token, "material_id": item.pk})


def body_of(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_never_attachment(response: Any) -> None:
    assert "attachment" not in response.get("Content-Disposition", "")


def views_of(invitation: Invitation) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="engagement.material_viewed", object_id=str(invitation.pk)
        ).order_by("id")
    )


# Upload ------------------------------------------------------------------------------------


def test_the_team_uploads_a_pdf_kept_under_a_random_name_and_audited(client_as):
    opp = review_opportunity(kind=Kind.DOCUMENT_REVIEW)
    response = client_as("programme_admin").post(
        reverse("engagement:material", kwargs={"opportunity_id": opp.pk}),
        {
            "title": "Our letter to victims",
            "kind": "document",
            "file": SimpleUploadedFile("Letter to Jane Smith.pdf", PDF, "application/pdf"),
            "sections": "Introduction\n\nWhat happens next\nIntroduction\n",
        },
    )
    assert response.status_code == 302
    item = Material.objects.get(opportunity=opp)
    assert item.content_type == "application/pdf"
    assert item.sections == ["Introduction", "What happens next"]
    assert item.file.name.startswith("engagement/material/")
    assert "Jane" not in item.file.name and "Letter" not in item.file.name
    assert item.file.read() == PDF
    event = AuditEvent.objects.get(action="engagement.material_added", object_id=str(item.pk))
    assert "Letter" not in event.note


@pytest.mark.parametrize(
    ("kind", "body", "name"),
    [
        ("document", MP4, "renamed.pdf"),
        ("document", b"PK\x03\x04 a word file", "letter.pdf"),
        ("video", PDF, "film.mp4"),
        ("video", b"RIFF....AVI ", "film.webm"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(client_as, kind, body, name):
    opp = review_opportunity()
    response = client_as("programme_admin").post(
        reverse("engagement:material", kwargs={"opportunity_id": opp.pk}),
        {"title": "Film", "kind": kind, "file": SimpleUploadedFile(name, body)},
    )
    assert response.status_code == 200
    assert not Material.objects.filter(opportunity=opp).exists()
    assert "must be" in response.content.decode()


@pytest.mark.parametrize(("body", "content_type"), [(MP4, "video/mp4"), (WEBM, "video/webm")])
def test_mp4_and_webm_videos_are_recognised_by_their_first_bytes(personas, body, content_type):
    item = material_add(
        actor=personas["programme_admin"],
        opportunity=review_opportunity(),
        title="Film",
        kind="video",
        upload=SimpleUploadedFile("anything.bin", body),
    )
    assert item.content_type == content_type


def test_only_the_programme_team_adds_material(personas):
    with pytest.raises(PermissionDenied):
        material_add(
            actor=personas["partner_agency"],
            opportunity=review_opportunity(),
            title="Film",
            kind="video",
            upload=SimpleUploadedFile("film.mp4", MP4),
        )


def test_stored_material_has_no_public_address(client):
    item = add_material()
    assert client.get("/" + item.file.name).status_code == 404
    assert client.get("/media/" + item.file.name).status_code == 404


# The checked view ------------------------------------------------------------------------


def test_an_invited_participant_watches_the_video_with_their_name_over_it_and_no_download(client):
    item = add_material()
    invitation, token = invite(item.opportunity, full_name="Morgan Example-Viewer")
    response = client.get(view_url(item, token))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    video = soup.find("video")
    assert video is not None
    assert "nodownload" in video["controlslist"]
    assert video.has_attr("disablepictureinpicture")
    assert not soup.find_all(attrs={"download": True})
    assert not soup.find_all("a", href=file_url(item, token))
    watermark = soup.select_one(".vv-player .vv-player__watermark")
    assert watermark is not None and "Morgan Example-Viewer" in watermark.get_text()
    assert "A caller describes a burglary." in response.content.decode()
    grant = MaterialGrant.objects.get(material=item, invitation=invitation)
    assert timedelta(hours=47) < grant.expires_at - timezone.now() <= timedelta(hours=48)
    (event,) = views_of(invitation)
    assert event.note.startswith(f"material={item.pk}; part=page")
    assert event.actor_id is None
    assert_never_attachment(response)


def test_the_file_is_served_inline_privately_and_each_view_is_audited(client):
    item = add_material()
    invitation, token = invite(item.opportunity)
    client.get(view_url(item, token))
    response = client.get(file_url(item, token))
    assert response.status_code == 200
    assert body_of(response) == MP4
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert [e.note.split("; ")[1] for e in views_of(invitation)] == ["part=page", "part=file"]


def test_a_video_is_served_by_byte_ranges_and_only_its_start_counts_as_a_view(client):
    item = add_material()
    invitation, token = invite(item.opportunity)
    client.get(view_url(item, token))
    size = len(MP4)

    first = client.get(file_url(item, token), HTTP_RANGE="bytes=0-9")
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-9/{size}"
    assert body_of(first) == MP4[:10]

    rest = client.get(file_url(item, token), HTTP_RANGE="bytes=10-")
    assert rest.status_code == 206
    assert rest["Content-Range"] == f"bytes 10-{size - 1}/{size}"
    assert body_of(rest) == MP4[10:]

    tail = client.get(file_url(item, token), HTTP_RANGE="bytes=-4")
    assert body_of(tail) == MP4[-4:]

    beyond = client.get(file_url(item, token), HTTP_RANGE=f"bytes={size}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{size}"

    assert [e.note.split("; ")[1] for e in views_of(invitation)] == ["part=page", "part=file"]
    for response in (first, rest, tail, beyond):
        assert_never_attachment(response)


def test_the_file_is_refused_until_the_page_has_been_opened(client):
    item = add_material()
    _invitation, token = invite(item.opportunity)
    response = client.get(file_url(item, token))
    assert response.status_code == 404
    assert_never_attachment(response)


@pytest.mark.dates
def test_access_expires_48_hours_after_first_opening_and_is_not_renewed(client):
    item = add_material()
    invitation, token = invite(item.opportunity)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert client.get(view_url(item, token)).status_code == 200
        traveller.shift(timedelta(hours=47, minutes=59))
        assert client.get(file_url(item, token)).status_code == 200
        traveller.shift(timedelta(minutes=2))
        expired = client.get(file_url(item, token))
        assert expired.status_code == 404
        page = client.get(view_url(item, token))
        assert page.status_code == 410
        assert "has ended" in page.content.decode()
        assert b"<video" not in page.content
    assert MaterialGrant.objects.filter(invitation=invitation).count() == 1
    assert_never_attachment(expired)


@pytest.mark.parametrize(
    "status",
    [
        InvitationStatus.INVITED,
        InvitationStatus.DECLINED,
        InvitationStatus.WITHDRAWN,
        InvitationStatus.NOT_SELECTED,
        InvitationStatus.RESERVE,
    ],
)
def test_material_is_refused_to_anyone_who_has_not_said_yes_even_with_a_grant(client, status):
    item = add_material()
    invitation, token = invite(item.opportunity, status=status)
    MaterialGrant.objects.create(
        material=item, invitation=invitation, expires_at=timezone.now() + timedelta(hours=10)
    )
    for url in (view_url(item, token), file_url(item, token)):
        response = client.get(url)
        assert response.status_code == 404
        assert_never_attachment(response)


def test_a_declined_invitation_loses_access_it_had(client):
    item = add_material()
    invitation, token = invite(item.opportunity)
    assert client.get(view_url(item, token)).status_code == 200
    Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.DECLINED)
    assert client.get(file_url(item, token)).status_code == 404


@pytest.mark.parametrize(
    "status",
    [InvitationStatus.ACCEPTED, InvitationStatus.SELECTED, InvitationStatus.TOOK_PART],
)
def test_internal_only_material_is_never_served_to_a_participant_whatever_the_invitation(
    client, status
):
    item = add_material(internal_only=True)
    invitation, token = invite(item.opportunity, status=status)
    MaterialGrant.objects.create(
        material=item, invitation=invitation, expires_at=timezone.now() + timedelta(hours=10)
    )
    for url in (view_url(item, token), file_url(item, token)):
        response = client.get(url)
        assert response.status_code == 404
        assert_never_attachment(response)
    assert not views_of(invitation)


def test_material_of_an_internal_only_opportunity_is_never_served_outside(client):
    item = add_material(review_opportunity(sensitivity=Sensitivity.INTERNAL_ONLY))
    invitation, token = invite(item.opportunity)
    MaterialGrant.objects.create(
        material=item, invitation=invitation, expires_at=timezone.now() + timedelta(hours=10)
    )
    assert client.get(view_url(item, token)).status_code == 404
    assert client.get(file_url(item, token)).status_code == 404


def test_material_is_not_served_once_the_opportunity_closes(client):
    item = add_material()
    _invitation, token = invite(item.opportunity)
    assert client.get(view_url(item, token)).status_code == 200
    item.opportunity.status = OpportunityStatus.CLOSED
    item.opportunity.save(update_fields=["status"])
    assert client.get(file_url(item, token)).status_code == 404


def test_another_opportunitys_material_is_not_reachable_with_this_link(client):
    item = add_material()
    other = add_material()
    _invitation, token = invite(item.opportunity)
    assert client.get(view_url(other, token)).status_code == 404
    assert client.get(view_url(item, "not-a-token-of-ours")).status_code == 404


def test_partners_and_other_signed_in_people_get_nothing_without_the_link(client_as):
    item = add_material()
    for persona in ("partner_agency", "police_lead", "member"):
        client = client_as(persona)
        assert (
            client.get(
                reverse("engagement:material_preview", kwargs={"material_id": item.pk})
            ).status_code
            == 403
        )


def test_the_team_previews_internal_only_material_inline_and_it_is_audited(client_as, personas):
    item = add_material(internal_only=True)
    response = client_as("programme_admin").get(
        reverse("engagement:material_preview", kwargs={"material_id": item.pk})
    )
    assert response.status_code == 200
    assert body_of(response) == MP4
    assert response["Content-Disposition"].startswith("inline")
    event = AuditEvent.objects.get(action="engagement.material_previewed")
    assert event.actor_id == personas["programme_admin"].pk
    assert event.object_id == str(item.pk)


def test_a_document_is_shown_in_a_frame_not_offered_as_a_download(client):
    item = add_material(review_opportunity(kind=Kind.DOCUMENT_REVIEW), kind=MaterialKind.DOCUMENT)
    _invitation, token = invite(item.opportunity)
    response = client.get(view_url(item, token))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("iframe")["src"] == file_url(item, token)
    assert not soup.find_all(attrs={"download": True})
    served = client.get(file_url(item, token))
    assert served["Content-Type"] == "application/pdf"
    # The document's own page may frame it; no other site may.
    assert served["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in served["Content-Security-Policy"]
    assert_never_attachment(served)


# Comments on a document's sections ------------------------------------------------------


def document_with_sections() -> tuple[Material, Invitation, str]:
    item = add_material(
        review_opportunity(kind=Kind.DOCUMENT_REVIEW),
        kind=MaterialKind.DOCUMENT,
        sections=["Introduction", "What happens next"],
    )
    invitation, token = invite(item.opportunity)
    return item, invitation, token


def test_a_comment_on_a_section_waits_for_redaction_review(client, client_as, personas):
    item, invitation, token = document_with_sections()
    client.get(view_url(item, token))
    response = client.post(
        view_url(item, token),
        {"section": "What happens next", "comment": "Call me on 07700 900123, it was unclear."},
    )
    assert response.status_code == 302
    comment = DocumentComment.objects.get(material=item)
    assert comment.section == "What happens next"
    assert comment.invitation == invitation
    assert comment.text.purpose == "engagement_comment"
    assert not comment.text.is_released
    event = AuditEvent.objects.get(action="engagement.document_commented")
    assert "07700" not in event.note and "unclear" not in event.note

    team = client_as("programme_admin")
    page = team.get(reverse("engagement:material_comments", kwargs={"material_id": item.pk}))
    assert "Waiting for review" in page.content.decode()
    assert "unclear" not in page.content.decode()

    redaction_release(actor=personas["programme_admin"], item=comment.text)
    page = team.get(reverse("engagement:material_comments", kwargs={"material_id": item.pk}))
    text = page.content.decode()
    assert "it was unclear" in text
    assert "07700 900123" not in text


def test_a_comment_must_name_one_of_the_documents_sections(client):
    item, invitation, token = document_with_sections()
    client.get(view_url(item, token))
    with pytest.raises(RuleBroken):
        document_comment_add(invitation=invitation, material=item, section="Appendix", text="Hi")
    response = client.post(view_url(item, token), {"section": "", "comment": "Clear."})
    assert response.status_code == 200
    assert not DocumentComment.objects.exists()


def test_no_comment_after_access_has_ended(client):
    item, invitation, token = document_with_sections()
    client.get(view_url(item, token))
    MaterialGrant.objects.filter(invitation=invitation).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(RuleBroken):
        document_comment_add(
            invitation=invitation, material=item, section="Introduction", text="Late."
        )


def test_material_with_comments_is_kept_and_other_material_is_removed_with_its_file(
    personas, django_capture_on_commit_callbacks
):
    item, invitation, _token = document_with_sections()
    plain = add_material()
    name, storage = plain.file.name, plain.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        material_remove(actor=personas["programme_admin"], material=plain)
    assert not Material.objects.filter(pk=plain.pk).exists()
    assert not storage.exists(name)

    MaterialGrant.objects.create(
        material=item, invitation=invitation, expires_at=timezone.now() + timedelta(hours=1)
    )
    document_comment_add(invitation=invitation, material=item, section="Introduction", text="Ok")
    with pytest.raises(RuleBroken):
        material_remove(actor=personas["programme_admin"], material=item)
    assert Material.objects.filter(pk=item.pk).exists()
