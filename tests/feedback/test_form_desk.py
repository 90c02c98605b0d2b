"""The Victim Focus Desk's queue of routed feedback comments: redacted text and the
reason, marked handled (audited); nobody else may see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from feedback import services
from feedback.models import Borough, Channel, RoutedComment
from privacy.models import AuditEvent

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


def test_the_desk_sees_the_redacted_text_and_the_reason(client_as: Any) -> None:
    routed = routed_comment()
    page = client_as("desk_agent").get(reverse("feedback:routed_queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Possible safeguarding risk" in html
    assert "He will kill me" in html
    assert "07700 900123" not in html
    assert "Camden desk test team" in html
    assert routed.reason == "safeguarding"


@pytest.mark.parametrize("persona", ["analyst", "officer", "police_lead", "programme_admin"])
def test_other_staff_are_refused(client_as: Any, persona: str) -> None:
    routed = routed_comment()
    assert client_as(persona).get(reverse("feedback:routed_queue")).status_code == 403
    handle = reverse("feedback:routed_handle", args=[routed.pk])
    assert client_as(persona).post(handle).status_code == 403
    routed.refresh_from_db()
    assert routed.status == "open"


def test_the_public_is_sent_to_sign_in(client: Any) -> None:
    page = client.get(reverse("feedback:routed_queue"))
    assert page.status_code == 302 and "login" in page["Location"]


def test_marking_handled_is_audited_and_moves_it_to_handled(
    client_as: Any, personas: dict[str, Any]
) -> None:
    routed = routed_comment()
    desk = client_as("desk_agent")
    done = desk.post(reverse("feedback:routed_handle", args=[routed.pk]))
    assert done.status_code == 302
    routed.refresh_from_db()
    assert routed.status == "handled" and routed.handled_by == personas["desk_agent"]
    event = AuditEvent.objects.filter(
        object_type="feedback.routedcomment", object_id=str(routed.pk)
    ).get()
    assert event.actor == personas["desk_agent"]
    assert "07700" not in event.note
    assert "He will kill me" not in desk.get(reverse("feedback:routed_queue")).content.decode()
    handled = desk.get(reverse("feedback:routed_queue") + "?status=handled")
    assert "He will kill me" in handled.content.decode()


def test_an_unknown_routed_comment_is_404(client_as: Any) -> None:
    page = client_as("desk_agent").post(reverse("feedback:routed_handle", args=[999999]))
    assert page.status_code == 404


def test_the_queue_reads_in_a_fixed_number_of_queries(
    client_as: Any, django_assert_num_queries: Any
) -> None:
    desk = client_as("desk_agent")
    routed_comment("He will kill me")
    desk.get(reverse("feedback:routed_queue"))  # warm the session
    with django_assert_num_queries(11) as first:
        desk.get(reverse("feedback:routed_queue"))
    for i in range(4):
        routed_comment(f"She threatened to kill me ({i})")
    with django_assert_num_queries(len(first.captured_queries)):
        desk.get(reverse("feedback:routed_queue"))
