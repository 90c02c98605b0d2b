"""GOV.UK-style 403, 404 and 500 pages, and never a Django debug page.

This module is also the URLconf for the tests marked `urls(__name__)`: the project's URLs
plus two views that fail on purpose.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import include, path

from pages.views import server_error
from tests.govuk import check_govuk_page

BASE_DIR = Path(__file__).resolve().parents[2]
DEBUG_MARKERS = (
    b"Traceback",
    b"Using the URLconf",
    b"DEBUG = True",
    b"technical_500",
    b"Request Method",
)


def refuse(request):
    raise PermissionDenied


def explode(request):
    raise RuntimeError("a bug, with a person's name in it: Alex Example")


urlpatterns = [
    path("test-only/refuse", refuse),
    path("test-only/explode", explode),
    path("", include("victimvoice.urls")),
]
handler403 = "pages.views.forbidden"
handler404 = "pages.views.not_found"
handler500 = "pages.views.server_error"

pytestmark = pytest.mark.django_db


def h1_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").h1.get_text().split())


def test_a_missing_page_shows_the_page_not_found_page(client):
    response = client.get("/no-such-page/at-all")
    assert response.status_code == 404
    assert h1_of(response) == "Page not found"
    assert b"check you copied the entire address" in response.content
    assert not any(marker in response.content for marker in DEBUG_MARKERS)


@pytest.mark.urls(__name__)
def test_a_refused_page_shows_the_no_access_page_with_a_way_home(client):
    response = client.get("/test-only/refuse")
    assert response.status_code == 403
    assert h1_of(response) == "You do not have access to this page"
    assert b'href="/"' in response.content


@pytest.mark.urls(__name__)
def test_a_refused_page_sends_signed_in_staff_to_their_dashboard(client_as):
    response = client_as("analyst").get("/test-only/refuse")
    assert response.status_code == 403
    assert h1_of(response) == "You do not have access to this page"
    assert b'href="/dashboard/"' in response.content
    assert not any(marker in response.content for marker in DEBUG_MARKERS)


@pytest.mark.urls(__name__)
def test_an_unexpected_error_shows_the_problem_page_and_no_details():
    client = Client(raise_request_exception=False)
    response = client.get("/test-only/explode")
    assert response.status_code == 500
    check_govuk_page(response.content, url="/test-only/explode")
    assert h1_of(response) == "Sorry, there is a problem with the service"
    assert b"Alex Example" not in response.content
    assert b"RuntimeError" not in response.content
    assert not any(marker in response.content for marker in DEBUG_MARKERS)


def test_the_500_page_renders_without_a_request():
    response = server_error(None)
    assert response.status_code == 500
    check_govuk_page(response.content, url="500")
    assert h1_of(response) == "Sorry, there is a problem with the service"
    assert b"call 999" in response.content


def test_the_500_page_renders_when_called_as_a_handler():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert h1_of(response) == "Sorry, there is a problem with the service"


def test_a_form_with_a_missing_security_token_shows_a_gov_uk_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    assert response.status_code == 403
    check_govuk_page(response.content, url="/i18n/set-language/")
    assert h1_of(response) == "Sorry, there is a problem with this form"
    assert not any(marker in response.content for marker in DEBUG_MARKERS)


def _debug_setting(**environ: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "DJANGO_ENV"}}
    env.update(environ)
    result = subprocess.run(
        [sys.executable, "-c", "import victimvoice.settings as s; print(s.DEBUG)"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_debug_is_off_unless_asked_for():
    assert _debug_setting() == "False"
    assert _debug_setting(DJANGO_ENV="development", DJANGO_DEBUG="1") == "True"


def test_debug_cannot_be_turned_on_in_production(tmp_path):
    from cryptography.fernet import Fernet

    debug = _debug_setting(
        DJANGO_ENV="production",
        DJANGO_DEBUG="1",
        SECRET_KEY="x" * 20 + "production-test-secret-key-0123456789-abcdefghij",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="victimvoice.example.org",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        SITE_URL="https://victimvoice.example.org",
        FEEDBACK_REPORT_CRIME_URL="https://www.met.police.uk/ro/report/ocr/af/how-to-report-a-crime/",
        FEEDBACK_COMPLAINT_URL="https://www.met.police.uk/fo/feedback/complaints/",
        NOTIFY_BACKEND="outbox",
        NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION="1",
        FILE_STORAGE="local",
    )
    assert debug == "False"
