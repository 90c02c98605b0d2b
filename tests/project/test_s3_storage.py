"""Files on S3-compatible storage (docs/files.md), against a real S3 API server: moto in
server mode, started by this module in its own process on a free port.

Every uploaded file goes through the product as the demo's people would send it (the
facilitator's agenda document and recording, the member's receipt, the programme team's
review material), is read back through the product's checked views by someone allowed to
and refused to someone who is not, and is deleted from the bucket when the product deletes
it (the note made final, the nightly retention purge, a receipt never sent). What is in the
bucket is asked of the S3 server itself with boto3, never of the storage class.

Skipped when moto_server is not installed, unless VV_REQUIRE_SERVERS=1 (CI), when it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any, Final

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from engagement.models import Material, MaterialGrant, Opportunity, OpportunityStatus
from expenses.models import ClaimStatus, ExpenseClaim, PendingReceipt
from forums import services as forums
from forums.models import AgendaDocument, Meeting, Recording
from lib.storage import file_storage, orphaned_files, orphaned_files_delete
from privacy.purge import purge_expired
from tests.engagement.test_material import MP4, add_material, file_url, invite, view_url
from tests.forums.test_forums_services import forum_a, forum_b, future_meeting, join, past_meeting
from tests.portal.fixtures import PDF, meeting, member_place, receipt

pytestmark = pytest.mark.django_db

REGION: Final = "eu-west-2"
MP3 = b"ID3\x04\x00" + b"\x00" * 64 + bytes(range(256)) * 4


# The S3 server -------------------------------------------------------------------------------


def _moto_server() -> str | None:
    beside_python = Path(sys.executable).with_name("moto_server")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("moto_server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_answering(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server stopped at once (exit {process.returncode}).")
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=2).close()  # noqa: S310
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError("moto_server did not answer within a minute.")


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """The address of a moto S3 server running in its own process."""
    program = _moto_server()
    if program is None:
        if os.environ.get("VV_REQUIRE_SERVERS") == "1":
            pytest.fail("moto_server is not installed and VV_REQUIRE_SERVERS=1.")
        pytest.skip("moto_server is not installed (moto[server]); the S3 tests need it.")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(  # noqa: S603
        [program, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_answering(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


class Bucket:
    """A fresh private bucket on the server, the product's storage pointed at it, and
    questions asked of the server directly."""

    def __init__(self, endpoint: str, name: str):
        self.endpoint = endpoint
        self.name = name
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)

    def head(self, key: str) -> Any:
        return self.client.head_object(Bucket=self.name, Key=key)

    def has(self, key: str) -> bool:
        try:
            self.head(key)
        except ClientError as error:
            assert error.response["Error"]["Code"] in ("404", "NoSuchKey"), error.response
            return False
        return True

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def unsigned_get(self, key: str) -> int:
        """The status of a plain GET of the object's address, as a browser would send it."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{self.name}/{key}") as answer:  # noqa: S310
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


@pytest.fixture
def bucket(s3_server: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Bucket:
    # The server's own stand-in credentials; boto3 reads them from the environment as it
    # would in production.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    found = Bucket(s3_server, f"vv-files-{uuid.uuid4().hex[:12]}")
    found.client.create_bucket(
        Bucket=found.name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    # Changing STORAGES resets Django's storage handler (django.test.signals), so the
    # default storage behind every FileField is now this bucket.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": file_storage(
            "s3", bucket=found.name, region=REGION, endpoint_url=s3_server, production=False
        ),
    }
    # FileFields hold the lazy default storage: it now reaches this bucket.
    assert getattr(default_storage, "bucket_name", None) == found.name
    return found


@pytest.fixture
def admin(personas: dict[str, Any]) -> Any:
    return personas["programme_admin"]


@pytest.fixture
def fac(client_as: Any) -> Any:
    return client_as("facilitator_forum_a")


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


# Meeting documents and recordings ------------------------------------------------------------


def test_an_agenda_document_is_a_private_encrypted_object_served_only_through_the_checked_view(
    bucket: Bucket, fac: Any, client_as: Any, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_a(personas)
    meeting_ = future_meeting(forum, admin)
    item = forums.agenda_item_propose(actor=admin, meeting=meeting_, title="Leaflet", detail="")
    content = b"%PDF-1.7 draft leaflet about bail " * 100
    response = fac.post(
        reverse("forums:document_upload", args=[meeting_.pk, item.pk]),
        {"file": SimpleUploadedFile("Jane Smith leaflet.pdf", content, "application/pdf")},
    )
    assert response.status_code == 302
    document = item.documents.get()
    key = document.file.name

    # In the bucket under a random name, encrypted at rest, and nothing else there.
    assert bucket.keys() == [key]
    assert key.startswith("private/forums/documents/") and "Jane" not in key
    head = bucket.head(key)
    assert head["ContentLength"] == len(content)
    assert head["ServerSideEncryption"] == "AES256"

    # The facilitator reads it through the product.
    url = reverse("forums:document", args=[document.pk])
    download = fac.get(url)
    assert download.status_code == 200
    assert download["Content-Length"] == str(len(content))
    assert "no-store" in download["Cache-Control"]
    assert _body(download) == content

    # Another forum's member, and a member of this forum before the agenda is published,
    # are refused.
    other = join(forum_b(personas), admin, email="forum-b-member@example.org")
    outsider = client_as("member")
    outsider.force_login(other.user)
    assert outsider.get(url).status_code == 404
    fm = join(forum, admin, email="appraiser@example.org")
    member = client_as("member")
    member.force_login(fm.user)
    assert member.get(url).status_code == 404
    forums.agenda_publish(actor=admin, meeting=meeting_)
    assert _body(member.get(url)) == content
    assert client_as("analyst").get(url).status_code in (403, 404)
    assert client_as("anonymous").get(url).status_code in (302, 403, 404)

    # The object is private: its address alone gets nothing. The page links only to the
    # product's own view, never to the store.
    assert bucket.unsigned_get(key) == 403
    page = fac.get(reverse("forums:meeting", args=[meeting_.pk])).content.decode()
    assert url in page
    assert bucket.endpoint not in page and bucket.name not in page and key not in page
    # A signed address, were one ever made, lasts a minute.
    signed = default_storage.url(key)
    assert "X-Amz-Expires=60" in signed and "X-Amz-Signature=" in signed


def test_a_recording_is_streamed_to_the_facilitator_and_deleted_from_the_bucket_when_the_note_is_final(
    bucket: Bucket, fac: Any, client_as: Any, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_a(personas)
    meeting_ = past_meeting(forum, admin)
    for fm in forum.memberships.all():
        forums.attendance_record(
            actor=admin,
            meeting=meeting_,
            forum_membership=fm,
            status="attended",
            recording_consent=True,
        )
    response = fac.post(
        reverse("forums:recording_upload", args=[meeting_.pk]),
        {"file": SimpleUploadedFile("m.mp3", MP3, "audio/mpeg"), "others_consented": "on"},
    )
    assert response.status_code == 302
    key = Recording.objects.get(meeting=meeting_).file.name
    assert bucket.body(key) == MP3 and bucket.unsigned_get(key) == 403

    url = reverse("forums:recording", args=[meeting_.pk])
    assert _body(fac.get(url)) == MP3
    # The member persona attended and co-chairs forum A, but the recording is the
    # facilitator's to take notes from.
    assert client_as("member").get(url).status_code in (403, 404)
    assert client_as("police_lead").get(url).status_code in (403, 404)

    fac.post(reverse("forums:note", args=[meeting_.pk]), {"text": "We talked about bail."})
    fac.post(reverse("forums:note_share", args=[meeting_.pk]))
    fac.post(reverse("forums:note_finalise", args=[meeting_.pk]))
    assert not Recording.objects.filter(meeting=meeting_).exists()
    assert not bucket.has(key)
    assert fac.get(url).status_code == 404


def test_the_retention_purge_deletes_expired_meetings_documents_from_the_bucket(
    bucket: Bucket, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_a(personas)
    meeting_ = future_meeting(forum, admin)
    item = forums.agenda_item_propose(actor=admin, meeting=meeting_, title="Doc", detail="")
    keys = [
        forums.agenda_document_add(
            actor=admin, item=item, upload=SimpleUploadedFile(f"d{n}.pdf", b"%PDF-1.4 " * n)
        ).file.name
        for n in (1, 2)
    ]
    assert bucket.keys() == sorted(keys)
    tenure_end = timezone.make_aware(datetime.combine(forum.tenure_end, datetime.min.time()))
    purge_expired(now=tenure_end + timedelta(days=182), rules=["forums.meetings"])
    assert all(bucket.has(key) for key in keys)  # not yet expired
    purge_expired(now=tenure_end + timedelta(days=184), rules=["forums.meetings"])
    assert not Meeting.objects.filter(pk=meeting_.pk).exists()
    assert bucket.keys() == []


# Expense receipts ------------------------------------------------------------------------------


def test_a_receipt_sent_with_a_claim_is_read_by_the_member_and_the_team_only_and_purged(
    bucket: Bucket,
    client_as: Any,
    personas: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    client = client_as("member")
    form = {"meeting": past.pk, "category": "care"}
    # A mistake on the form: the receipt is kept (a pending receipt) for the next try.
    client.post(reverse("expenses:claim_new"), {**form, "amount": "", "receipt": receipt()})
    pending = PendingReceipt.objects.get()
    pending_key = pending.file.name
    assert bucket.body(pending_key) == PDF
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("expenses:claim_new"),
            {**form, "amount": "12.50", "pending_receipt": str(pending.token)},
        )
    assert response.status_code == 302
    claim = ExpenseClaim.objects.get()
    key = claim.receipt.name
    assert not bucket.has(pending_key)  # the kept copy went once the claim was sent
    assert bucket.keys() == [key] and bucket.unsigned_get(key) == 403

    url = reverse("expenses:receipt", args=[claim.pk])
    assert _body(client.get(url)) == PDF
    assert _body(client_as("programme_admin").get(url)) == PDF
    assert client_as("facilitator_forum_a").get(url).status_code in (403, 404)
    assert client_as("outsider").get(url).status_code in (403, 404)

    # A year after it is paid the claim keeps only what finance needs: the receipt goes.
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        status=ClaimStatus.PAID, created_at=timezone.now() - timedelta(days=366)
    )
    purge_expired(rules=["expenses.claim_details"])
    claim.refresh_from_db()
    assert not claim.receipt and claim.anonymised_at is not None
    assert bucket.keys() == []


def test_a_receipt_kept_for_a_claim_never_sent_is_deleted_from_the_bucket_after_a_day(
    bucket: Bucket, client_as: Any, personas: dict[str, Any]
) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    client_as("member").post(
        reverse("expenses:claim_new"),
        {"meeting": past.pk, "category": "care", "amount": "x", "receipt": receipt()},
    )
    pending = PendingReceipt.objects.get()
    assert bucket.has(pending.file.name)
    PendingReceipt.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    purge_expired(rules=["expenses.pending_receipts"])
    assert not PendingReceipt.objects.exists()
    assert bucket.keys() == []


def test_an_unsettled_claim_deleted_at_the_end_of_the_financial_period_takes_its_receipt(
    bucket: Bucket, personas: dict[str, Any], settings: Any
) -> None:
    from tests.portal.fixtures import claim as make_claim

    claim = make_claim(personas)  # sent with a receipt, never decided
    key = claim.receipt.name
    assert bucket.has(key)
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        created_at=timezone.now() - timedelta(days=settings.EXPENSES_RETENTION_DAYS + 1)
    )
    purge_expired(rules=["expenses.claims"])
    assert not ExpenseClaim.objects.filter(pk=claim.pk).exists()
    assert not bucket.has(key)


# Engagement material ---------------------------------------------------------------------------


def test_review_material_is_streamed_by_byte_ranges_to_the_invited_person_only(
    bucket: Bucket, client: Any, client_as: Any
) -> None:
    item = add_material()
    key = item.file.name
    assert bucket.body(key) == MP4 and bucket.unsigned_get(key) == 403
    _invitation, token = invite(item.opportunity)
    client.get(view_url(item, token))
    whole = client.get(file_url(item, token))
    assert whole.status_code == 200 and _body(whole) == MP4
    part = client.get(file_url(item, token), HTTP_RANGE="bytes=100-299")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-299/{len(MP4)}"
    assert _body(part) == MP4[100:300]
    tail = client.get(file_url(item, token), HTTP_RANGE="bytes=-16")
    assert _body(tail) == MP4[-16:]
    # Someone else's invitation to another opportunity opens nothing here.
    _other, other_token = invite(add_material().opportunity)
    assert client.get(file_url(item, other_token)).status_code == 404
    assert client_as("partner_agency").get(file_url(item, "not-a-token")).status_code == 404


def test_an_expired_opportunity_is_purged_with_its_material_objects(
    bucket: Bucket, settings: Any
) -> None:
    item = add_material()
    invitation, _token = invite(item.opportunity)
    MaterialGrant.objects.create(
        material=item, invitation=invitation, expires_at=timezone.now() + timedelta(hours=1)
    )
    key = item.file.name
    days = settings.ENGAGEMENT_OPPORTUNITY_RETENTION_DAYS
    Opportunity.objects.filter(pk=item.opportunity_id).update(
        status=OpportunityStatus.CLOSED, closed_at=timezone.now() - timedelta(days=days + 1)
    )
    purge_expired(rules=["engagement.opportunities"])
    assert not Material.objects.filter(pk=item.pk).exists()
    assert not bucket.has(key)


# Objects nothing points at ---------------------------------------------------------------------


def test_a_file_left_by_an_upload_whose_transaction_failed_is_swept_once_a_day_old(
    bucket: Bucket, personas: dict[str, Any], admin: Any
) -> None:
    meeting_ = future_meeting(forum_a(personas), admin)
    item = forums.agenda_item_propose(actor=admin, meeting=meeting_, title="Doc", detail="")
    kept = forums.agenda_document_add(
        actor=admin, item=item, upload=SimpleUploadedFile("kept.pdf", b"%PDF-1.4 kept")
    ).file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        orphan = forums.agenda_document_add(
            actor=admin, item=item, upload=SimpleUploadedFile("lost.pdf", b"%PDF-1.4 lost")
        ).file.name
        raise RuntimeError("the database went away before the commit")
    assert not AgendaDocument.objects.filter(file=orphan).exists()
    assert bucket.keys() == sorted([kept, orphan])

    # Just written: its record might still be on its way, so it stays.
    call_command("sweep_orphaned_files", "--delete", stdout=StringIO())
    assert bucket.keys() == sorted([kept, orphan])
    # A day on, it is found and deleted; the document a row points at stays.
    later = timezone.now() + timedelta(days=2)
    assert orphaned_files(now=later) == [orphan]
    assert orphaned_files_delete(now=later) == 1
    assert bucket.keys() == [kept]
