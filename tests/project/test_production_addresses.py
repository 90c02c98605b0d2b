"""No page or message carries a placeholder address (`police.example`) or this machine's
(`localhost`, `127.0.0.1`): links come from settings that production requires
(SITE_URL, FEEDBACK_REPORT_CRIME_URL, FEEDBACK_COMPLAINT_URL;
tests/project/test_production_settings.py checks that it refuses to start without them), and development defaults to real pages."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from feedback.models import CrimeType, Language
from feedback.services import invitations
from tests.feedback.access import officer_code

BASE_DIR = Path(django_settings.BASE_DIR)
PLACEHOLDERS = ("police.example", "localhost", "127.0.0.1")
SITE = "https://victimvoice.example.org"
FORCE_REPORT = "https://www.met.police.uk/ro/report/ocr/af/how-to-report-a-crime/"
FORCE_COMPLAINT = "https://www.met.police.uk/fo/feedback/complaints/"
# Only the settings (development defaults), the demo's own sign-in instructions and the
# scratch PostgreSQL clusters that backup drills start on the operator's machine may name
# this machine.
ALLOWED = {
    Path("victimvoice/settings.py"),
    Path("victimvoice/management/commands/demo_personas.py"),
    Path("lib/pgcluster.py"),
    Path("victimvoice/backups/database.py"),
    Path("victimvoice/backups/pitr.py"),
    Path("victimvoice/management/commands/backup_drill.py"),
}


def product_files() -> list[Path]:
    skip = {".venv", "node_modules", "tests", "var", "static", "bench", ".git", "docs"}
    files = []
    for path in BASE_DIR.rglob("*"):
        relative = path.relative_to(BASE_DIR)
        if relative.parts[0] in skip or path.suffix not in {".py", ".html", ".txt"}:
            continue
        files.append(relative)
    return files


def test_no_product_code_or_template_names_a_placeholder_or_this_machine():
    found = []
    for relative in product_files():
        if relative in ALLOWED:
            continue
        text = (BASE_DIR / relative).read_text(encoding="utf-8", errors="replace")
        found += [f"{relative}: {p}" for p in PLACEHOLDERS if p in text]
    assert found == []


def test_development_links_to_real_national_pages():
    for name in ("FEEDBACK_REPORT_CRIME_URL", "FEEDBACK_COMPLAINT_URL"):
        address = getattr(django_settings, name)
        host = urlsplit(address).hostname or ""
        assert address.startswith("https://"), name
        assert host.endswith((".police.uk", ".gov.uk")), address


@pytest.fixture
def production_addresses(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.FEEDBACK_REPORT_CRIME_URL = FORCE_REPORT
    settings.FEEDBACK_COMPLAINT_URL = FORCE_COMPLAINT


def assert_no_placeholder(text: str, where: str) -> None:
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text, f"{where} shows {placeholder}"


def test_feedback_pages_link_to_the_forces_pages(production_addresses, client, personas):
    code = officer_code(personas["officer"])
    pages = [reverse("feedback:start"), reverse("feedback:code", args=[code.code])]
    for path in pages:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert_no_placeholder(html, path)
        assert FORCE_REPORT in html, path
        assert FORCE_COMPLAINT in html, path


def test_the_officers_qr_card_carries_the_sites_address(production_addresses, client_as, personas):
    officer_code(personas["officer"])
    html = client_as("officer").get(reverse("invitations:my_code")).content.decode()
    assert_no_placeholder(html, "the officer's QR card")
    assert f"{SITE}/f/" in html


def test_messages_carry_the_sites_address(
    production_addresses, personas, django_capture_on_commit_callbacks
):
    code = officer_code(personas["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invitation_create(
            actor=None,
            channel="sms",
            contact="07700 900123",
            team=code.team,
            officer=code.officer,
            crime_type=CrimeType.objects.get(code="burglary"),
            language=Language.objects.get(code="en"),
            may_contact=True,
        )
    invitation.refresh_from_db()
    assert invitation.message is not None
    assert_no_placeholder(invitation.message.body, "the invitation")
    assert f"{SITE}/i/" in invitation.message.body
