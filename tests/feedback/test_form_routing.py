"""The public feedback form's comment (docs/feedback.md): it is redacted and, when it
suggests a risk or a complaint, routed to the desk."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from feedback.form_routing import routing_reasons
from feedback.models import FeedbackCode, Response, RoutedComment
from redaction.models import RedactedText
from tests.feedback.form_helpers import (  # noqa: F401 (_compiled_welsh_catalogue: autouse)
    _answers,
    _compiled_welsh_catalogue,
    _open_form,
    _token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


# Redaction and routing ----------------------------------------------------------------


def test_the_comment_is_redacted_and_waits_for_the_moderation_reviewer(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code)
    client.post(
        reverse("feedback:questions"),
        _answers(_token(page), comment="PC Jones was kind. Call me on 07700 900123."),
    )
    comment = Response.objects.get().comment
    assert isinstance(comment, RedactedText)
    assert comment.purpose == "feedback_comment"
    assert comment.status == "pending" and comment.released is None
    assert "07700 900123" in comment.original  # only the reviewer sees this
    from redaction.services import released_text

    assert "07700" not in released_text(comment)


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("He will kill me if he finds out I called", ["safeguarding"]),
        ("I am scared he'll hurt my daughter", ["safeguarding"]),
        ("I’m scared he’ll kill me", ["safeguarding"]),
        ("I have been thinking about self-harm since", ["safeguarding"]),
        ("My children are not safe at home with him", ["safeguarding"]),
        ("I want to make a complaint about the officer", ["complaint"]),
        ("The officer was racist to me", ["complaint"]),
        ("She threatened to kill me and I want to complain", ["safeguarding", "complaint"]),
        ("The officer was kind and kept me informed", []),
        ("Thank you, I feel safer now", []),
    ],
)
def test_routing_finds_safeguarding_risks_and_complaints(text: str, reasons: list[str]) -> None:
    assert routing_reasons(text) == reasons


def test_a_risky_comment_is_routed_to_the_desk(client: Any, officer_code: FeedbackCode) -> None:
    page = _open_form(client, officer_code)
    client.post(
        reverse("feedback:questions"),
        _answers(_token(page), comment="He said he will kill me. I also want to complain."),
    )
    response = Response.objects.get()
    assert response.routed
    assert set(
        RoutedComment.objects.filter(response=response).values_list("reason", flat=True)
    ) == {
        "safeguarding",
        "complaint",
    }
