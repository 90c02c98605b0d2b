"""Security headers on public and signed-in pages, HSTS in production, and /healthz."""

import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def public_page(client):
    return client.get("/")


@pytest.fixture
def signed_in_page(client_as):
    response = client_as("programme_admin").get("/dashboard/", follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    return response


@pytest.fixture(params=["public", "signed_in"])
def page(request, public_page, signed_in_page):
    return public_page if request.param == "public" else signed_in_page


def test_content_security_policy_allows_no_inline_or_eval_code(page):
    header = page["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    directives = csp_directives(page)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "*" not in " ".join(directives["script-src"])


def test_the_scripts_nonce_matches_the_nonce_in_the_header(page):
    script_src = csp_directives(page)["script-src"]
    nonces = [re.fullmatch(r"'nonce-(.+)'", value) for value in script_src]
    nonces = [match.group(1) for match in nonces if match]
    assert len(nonces) == 1
    inline_scripts = [
        script
        for script in BeautifulSoup(page.content, "html.parser").find_all("script")
        if not script.get("src")
    ]
    assert inline_scripts, "the page template's inline script is expected"
    assert all(script.get("nonce") == nonces[0] for script in inline_scripts)


def test_each_response_gets_a_fresh_nonce(client):
    first = csp_directives(client.get("/"))["script-src"]
    second = csp_directives(client.get("/"))["script-src"]
    assert first != second


def test_framing_sniffing_referrer_and_opener_are_locked_down(page):
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in page["Permissions-Policy"]


def test_signed_in_pages_are_never_stored(signed_in_page):
    cache_control = signed_in_page["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_the_public_home_page_is_not_marked_no_store(public_page):
    assert "no-store" not in public_page.get("Cache-Control", "")


def test_a_public_page_seen_while_signed_in_is_not_stored(client_as):
    response = client_as("member").get("/privacy")
    assert "no-store" in response["Cache-Control"]


def test_hsts_is_sent_over_https_under_production_settings(client):
    with override_settings(
        SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
    ):
        response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_hsts_is_not_sent_over_plain_http(client):
    with override_settings(SECURE_HSTS_SECONDS=31536000):
        response = client.get("/")
    assert "Strict-Transport-Security" not in response


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "pages.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"connection refused" not in response.content


def test_healthz_answers_503_when_the_query_fails(client):
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.execute.side_effect = OperationalError("server closed")
    with mock.patch("pages.views.connection.cursor", return_value=cursor):
        response = client.get("/healthz")
    assert response.status_code == 503
