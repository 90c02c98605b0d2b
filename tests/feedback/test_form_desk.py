"""Feedback comments routed to the Victim Focus Desk: each becomes a task in the desk's queue
(tests/desk/test_routed.py handles them there); the old routed queue's addresses lead to it;
nobody else may see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from feedback import services
from feedback.models import Borough, Channel, RoutedComment

pytestmark = pytest.mark.django_db


def routed_comment(text: str = "He will kill me. Call me on 07700 900123.") -> RoutedComment:
    """A response from Camden whose comment is routed for safeguarding."""
    team = services.team_ensure(
        borough=Borough.objects.get(code="E09000007"), name="Camden desk test team"
    )
    code = services.team_code_ensure(team=team)
    submitted = services.response_submit(
        code=code,
        channel=Channel.QR,
        answers=services.CoreAnswers(overall=2, comment=text),
        submission_key=f"desk-test-{RoutedComment.objects.count()}-{len(text)}",
    )
    return RoutedComment.objects.filter(response=submitted.response).first()  # type: ignore[return-value]


def test_a_routed_comment_is_a_task_in_the_desks_queue() -> None:
    routed = routed_comment()
    task = routed.desk_task  # type: ignore[attr-defined]
    assert task.kind == "routed_safeguarding"
    assert task.victim_id is None and task.case_id is None
    assert task.team_id == routed.response.team_id
    assert task.borough_id == routed.response.borough_id


def test_the_old_queue_leads_to_the_desks(client_as: Any) -> None:
    page = client_as("desk_agent").get(reverse("feedback:routed_queue"))
    assert page.status_code == 302
    assert page["Location"] == reverse("desk:queue") + "?kind=routed"


def test_the_desk_sees_the_redacted_text_and_the_reason(client_as: Any) -> None:
    routed = routed_comment()
    desk = client_as("desk_agent")
    moved = desk.post(reverse("feedback:routed_handle", args=[routed.pk]))
    assert moved.status_code == 302
    task_page = reverse("desk:routed_task", kwargs={"task_id": routed.desk_task.pk})  # type: ignore[attr-defined]
    assert moved["Location"] == task_page
    html = desk.get(task_page).content.decode()
    assert "Possible safeguarding risk" in html
    assert "He will kill me" in html
    assert "07700 900123" not in html
    assert "Camden desk test team" in html
    routed.refresh_from_db()
    assert routed.status == "open"  # handled only when the desk says what it did


@pytest.mark.parametrize("persona", ["analyst", "officer", "police_lead", "programme_admin"])
def test_other_staff_are_refused(client_as: Any, persona: str) -> None:
    routed = routed_comment()
    assert client_as(persona).get(reverse("feedback:routed_queue")).status_code == 403
    handle = reverse("feedback:routed_handle", args=[routed.pk])
    assert client_as(persona).post(handle).status_code == 403
    task_page = reverse("desk:routed_task", kwargs={"task_id": routed.desk_task.pk})  # type: ignore[attr-defined]
    assert client_as(persona).get(task_page).status_code == 403
    routed.refresh_from_db()
    assert routed.status == "open"


def test_the_public_is_sent_to_sign_in(client: Any) -> None:
    page = client.get(reverse("feedback:routed_queue"))
    assert page.status_code == 302 and "login" in page["Location"]


def test_an_unknown_routed_comment_is_404(client_as: Any) -> None:
    page = client_as("desk_agent").post(reverse("feedback:routed_handle", args=[999999]))
    assert page.status_code == 404
