"""When the database cannot be reached the product answers 503 with Retry-After: a GOV.UK
page in English or Welsh, JSON for the APIs, never the 500 page and never a trace.

The failure is the input here, so the connection is made to fail (its ensure_connection
raises, as it does when PostgreSQL is down); bench/faults.py restarts a real PostgreSQL
under two gunicorn instances."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from unittest import mock

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from lib.unavailable import database_unavailable
from tests.conftest import CheckedClient, sign_in
from tests.govuk import check_govuk_page
from tests.project.test_error_pages import DEBUG_MARKERS

pytestmark = pytest.mark.django_db

REFUSED = 'connection to server at "127.0.0.1", port 54330 failed: Connection refused'


@pytest.fixture
def database_down() -> Iterator[Any]:
    """Every query from now on fails as it does while PostgreSQL is restarting."""
    with mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError(REFUSED)
    ) as down:
        yield down


def h1_of(response: Any) -> str:
    h1 = BeautifulSoup(response.content, "html.parser").h1
    assert h1 is not None
    return " ".join(h1.get_text().split())


def assert_unavailable_page(response: Any, url: str) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    check_govuk_page(response.content, url=url)
    assert not any(marker in response.content for marker in DEBUG_MARKERS)
    assert b"OperationalError" not in response.content
    assert b"54330" not in response.content


def test_a_public_form_answers_503_with_retry_after_when_the_database_is_down(database_down):
    client = Client(raise_request_exception=False)
    response = client.get("/give-feedback/")
    assert database_down.called
    assert_unavailable_page(response, "/give-feedback/")
    assert h1_of(response) == "Sorry, the service is unavailable"
    assert b"Try again in a minute." in response.content
    assert b"call 999" in response.content


def test_a_failure_in_the_sign_in_middleware_is_a_503_too(personas):
    """A signed-in request reads its session in the middleware, before any view: the error
    is caught there, not by a view."""
    client = sign_in(CheckedClient(raise_request_exception=False), personas["analyst"])
    assert client.get("/dashboard/").status_code in (200, 302)
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError(REFUSED)):
        response = client.get("/dashboard/")
    assert_unavailable_page(response, "/dashboard/")


def test_the_page_is_in_welsh_for_someone_who_chose_welsh(database_down):
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "cy"
    response = client.get("/give-feedback/")
    assert_unavailable_page(response, "/give-feedback/")
    assert h1_of(response) == "Mae'n ddrwg gennym, nid yw'r gwasanaeth ar gael"
    assert 'lang="cy"' in response.content.decode()


def test_an_api_answers_503_json_with_retry_after(database_down):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/api/v1/desk/events",
        data=json.dumps({"source_event_id": "fault-1"}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer vvf_not_a_real_token",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {
        "code": "service_unavailable",
        "detail": "The service is unavailable. Try again in a minute.",
    }


def test_a_lost_connection_is_a_503_as_a_refused_one_is():
    client = Client(raise_request_exception=False)
    lost = InterfaceError("connection already closed")
    with mock.patch.object(connection, "ensure_connection", side_effect=lost):
        assert client.get("/give-feedback/").status_code == 503


def test_any_other_fault_is_still_the_500_page():
    """A bug stays a 500: only a database that cannot be reached is a 503."""
    client = Client(raise_request_exception=False)
    with mock.patch.object(
        connection, "ensure_connection", side_effect=RuntimeError("a bug, not an outage")
    ):
        response = client.get("/give-feedback/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert h1_of(response) == "Sorry, there is a problem with the service"


def test_it_knows_psycopg_errors_and_errors_raised_from_them():
    assert database_unavailable(psycopg.OperationalError("server closed the connection"))
    assert database_unavailable(psycopg.InterfaceError("the connection is closed"))
    try:
        try:
            raise OperationalError(REFUSED)
        except OperationalError as error:
            raise RuntimeError("while saving") from error
    except RuntimeError as wrapped:
        assert database_unavailable(wrapped)
    assert not database_unavailable(RuntimeError("a bug"))
    assert not database_unavailable(None)
