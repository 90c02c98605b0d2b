"""Surveys: the programme team builds the questions (locked once anyone answers, a condition
only on an earlier choice question), and a participant answers by their invitation's link:
anonymous unless they choose otherwise, follow-up questions on a later page (no JavaScript
needed), required questions checked, free text waiting for review, once only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    Invitation,
    InvitationStatus,
    Kind,
    Opportunity,
    OpportunityStatus,
    QuestionKind,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from engagement.services.questions import (
    QuestionIn,
    question_create,
    question_delete,
    question_move,
    question_update,
)
from engagement.services.surveys import (
    survey_steps,
    survey_submit,
)
from engagement.tokens import new_token
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from redaction.models import RedactedText
from tests.engagement.factories import opportunity, participant

pytestmark = pytest.mark.django_db

YES_NO = [{"label": "Yes", "label_cy": "Ie"}, {"label": "No", "label_cy": "Na"}]


# Scenery (also used by tests/engagement/access.py) -----------------------------------------


def _admin() -> Any:
    from accounts.models import User
    from victimvoice.personas import PERSONAS

    email = next(p.email for p in PERSONAS if p.key == "programme_admin")
    return User.objects.get(email=email)


def survey_with_questions(**fields: Any) -> Opportunity:
    """An open survey: q1 "Were you told?" (yes/no, required), q2 "Why not?" (free text,
    only when q1 is no), q3 a rating 1-5 and q4 "Which ways?" (choose any)."""
    admin = _admin()
    survey = opportunity(**fields)
    told = question_create(
        actor=admin,
        opportunity=survey,
        data=QuestionIn(
            kind=QuestionKind.SINGLE,
            text="Were you told about the decision?",
            text_cy="A gawsoch wybod am y penderfyniad?",
            choices=YES_NO,
            required=True,
        ),
    )
    question_create(
        actor=admin,
        opportunity=survey,
        data=QuestionIn(
            kind=QuestionKind.TEXT,
            text="What would have helped?",
            show_if=told,
            show_if_values=["no"],
        ),
    )
    question_create(
        actor=admin,
        opportunity=survey,
        data=QuestionIn(
            kind=QuestionKind.RATING,
            text="How clear was the letter?",
            scale=5,
            choices=[{"label": "Not clear"}, {"label": "Very clear"}],
        ),
    )
    question_create(
        actor=admin,
        opportunity=survey,
        data=QuestionIn(
            kind=QuestionKind.MULTIPLE,
            text="How would you like to be told?",
            choices=[{"label": "Letter"}, {"label": "Phone call"}, {"label": "Email"}],
        ),
    )
    return survey


def survey_invitation(
    survey: Opportunity,
    *,
    status: str = InvitationStatus.ACCEPTED,
    answered: bool = False,
    person: Any = None,
) -> tuple[Invitation, str]:
    """An invitation to `survey` with a live link token (returned with it)."""
    token, digest = new_token(purpose="invitation")
    invitation = Invitation.objects.create(
        opportunity=survey,
        participant=person or participant(),
        status=status,
        token_digest=digest,
        responded_at=timezone.now(),
    )
    if answered:
        survey_submit(invitation=invitation, answers={"q1": "yes"}, linked=False)
        invitation.refresh_from_db()
    return invitation, token


def _q(survey: Opportunity, key: str) -> SurveyQuestion:
    return survey.questions.get(key=key)


# The builder -------------------------------------------------------------------------------


def test_questions_get_keys_order_and_choice_codes(personas):
    survey = survey_with_questions()
    questions = list(survey.questions.order_by("order"))
    assert [(q.key, q.order) for q in questions] == [("q1", 1), ("q2", 2), ("q3", 3), ("q4", 4)]
    assert [c["value"] for c in questions[0].choices] == ["yes", "no"]
    assert questions[1].show_if == questions[0] and questions[1].show_if_values == ["no"]
    assert questions[2].choices[0]["value"] == "1" and questions[2].choices[1]["value"] == "5"
    assert AuditEvent.objects.filter(action="engagement.question_added").count() == 4


def test_only_the_programme_team_builds_surveys(personas):
    survey = survey_with_questions()
    with pytest.raises(PermissionDenied):
        question_create(
            actor=personas["partner_agency"],
            opportunity=survey,
            data=QuestionIn(kind=QuestionKind.TEXT, text="Anything else?"),
        )


def test_only_a_survey_has_questions(personas):
    review = opportunity(kind=Kind.DOCUMENT_REVIEW)
    with pytest.raises(RuleBroken) as broken:
        question_create(
            actor=personas["programme_admin"],
            opportunity=review,
            data=QuestionIn(kind=QuestionKind.TEXT, text="Anything else?"),
        )
    assert broken.value.code == "not_a_survey"


def test_a_choice_question_needs_two_answers(personas):
    with pytest.raises(RuleBroken) as broken:
        question_create(
            actor=personas["programme_admin"],
            opportunity=opportunity(),
            data=QuestionIn(kind=QuestionKind.SINGLE, text="Yes?", choices=[{"label": "Yes"}]),
        )
    assert broken.value.field == "choices"


def test_a_condition_is_only_on_an_earlier_choice_question_and_its_answers(personas):
    survey = survey_with_questions()
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken) as broken:  # q2 is free text: nothing to choose
        question_create(
            actor=admin,
            opportunity=survey,
            data=QuestionIn(
                kind=QuestionKind.TEXT, text="More?", show_if=_q(survey, "q2"), show_if_values=["x"]
            ),
        )
    assert broken.value.field == "show_if"
    with pytest.raises(RuleBroken) as broken:  # not one of q1's answers
        question_create(
            actor=admin,
            opportunity=survey,
            data=QuestionIn(
                kind=QuestionKind.TEXT,
                text="More?",
                show_if=_q(survey, "q1"),
                show_if_values=["maybe"],
            ),
        )
    assert broken.value.field == "show_if_values"
    with pytest.raises(RuleBroken) as broken:  # q1 cannot depend on the later q4
        question_update(
            actor=admin,
            question=_q(survey, "q1"),
            data=QuestionIn(
                kind=QuestionKind.SINGLE,
                text="Told?",
                choices=YES_NO,
                show_if=_q(survey, "q4"),
                show_if_values=["letter"],
            ),
        )
    assert broken.value.field == "show_if"


def test_questions_are_locked_once_anyone_has_answered(personas):
    survey = survey_with_questions()
    survey_invitation(survey, answered=True)
    admin = personas["programme_admin"]
    attempts = [
        lambda: question_create(
            actor=admin, opportunity=survey, data=QuestionIn(kind="text", text="More?")
        ),
        lambda: question_update(
            actor=admin, question=_q(survey, "q3"), data=QuestionIn(kind="text", text="Other?")
        ),
        lambda: question_delete(actor=admin, question=_q(survey, "q4")),
        lambda: question_move(actor=admin, question=_q(survey, "q4"), direction="up"),
    ]
    for attempt in attempts:
        with pytest.raises(RuleBroken) as broken:
            attempt()
        assert broken.value.code == "questions_locked"
    assert survey.questions.count() == 4


def test_a_question_others_depend_on_cannot_be_removed_or_lose_the_answer(personas):
    survey = survey_with_questions()
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken) as broken:
        question_delete(actor=admin, question=_q(survey, "q1"))
    assert broken.value.code == "has_dependants"
    with pytest.raises(RuleBroken) as broken:
        question_update(
            actor=admin,
            question=_q(survey, "q1"),
            data=QuestionIn(
                kind=QuestionKind.SINGLE,
                text="Told?",
                choices=[{"label": "Yes"}, {"label": "Partly"}],
            ),
        )
    assert broken.value.field == "choices"
    # Renaming "Yes" keeps "No" (and its code) as it was: allowed.
    changed = question_update(
        actor=admin,
        question=_q(survey, "q1"),
        data=QuestionIn(
            kind=QuestionKind.SINGLE,
            text="Were you told about the decision?",
            choices=[{"label": "Yes, I was"}, {"label": "No"}],
            required=True,
        ),
    )
    assert sorted(changed) == ["choices", "text_cy"]
    assert [c["value"] for c in _q(survey, "q1").choices] == ["yes-i-was", "no"]


def test_removing_a_question_renumbers_the_rest(personas):
    survey = survey_with_questions()
    question_delete(actor=personas["programme_admin"], question=_q(survey, "q3"))
    assert list(survey.questions.order_by("order").values_list("key", "order")) == [
        ("q1", 1),
        ("q2", 2),
        ("q4", 3),
    ]


def test_moving_keeps_a_follow_up_after_its_question(personas):
    survey = survey_with_questions()
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken):
        question_move(actor=admin, question=_q(survey, "q2"), direction="up")
    with pytest.raises(RuleBroken):
        question_move(actor=admin, question=_q(survey, "q1"), direction="down")
    assert question_move(actor=admin, question=_q(survey, "q4"), direction="up") is True
    assert question_move(actor=admin, question=_q(survey, "q1"), direction="up") is False
    keys = list(survey.questions.order_by("order").values_list("key", flat=True))
    assert keys == ["q1", "q2", "q4", "q3"]


def test_a_follow_up_goes_on_a_later_page_than_its_question():
    survey = survey_with_questions()
    steps = survey_steps(list(survey.questions.order_by("order")))
    assert [[q.key for q in step] for step in steps] == [["q1"], ["q2", "q3", "q4"]]


def test_the_builder_pages_add_change_move_and_remove(client_as):
    survey = survey_with_questions()
    client = client_as("programme_admin")
    page = client.get(reverse("engagement:questions", kwargs={"opportunity_id": survey.pk}))
    assert "How clear was the letter?" in page.content.decode()
    response = client.post(
        reverse("engagement:question_new", kwargs={"opportunity_id": survey.pk}),
        {
            "kind": "single",
            "text": "Did you get support?",
            "choices": "Yes | Ie\nNo | Na\nNot sure",
            "required": "no",
            "show_when": [f"{_q(survey, 'q1').pk}:no"],
        },
    )
    assert response.status_code == 302
    added = survey.questions.get(key="q5")
    assert added.show_if == _q(survey, "q1") and added.choices[1]["label_cy"] == "Na"
    edit = reverse(
        "engagement:question_edit", kwargs={"opportunity_id": survey.pk, "question_id": added.pk}
    )
    page = client.get(edit)
    assert "Yes | Ie" in page.content.decode()
    client.post(
        edit,
        {"kind": "text", "text": "Anything else?", "required": "no"},
    )
    added.refresh_from_db()
    assert added.kind == "text" and added.show_if is None and added.choices == []
    client.post(
        reverse("engagement:questions", kwargs={"opportunity_id": survey.pk}),
        {"question": added.pk, "direction": "up"},
    )
    added.refresh_from_db()
    assert added.order == 4
    client.post(
        reverse(
            "engagement:question_delete",
            kwargs={"opportunity_id": survey.pk, "question_id": added.pk},
        )
    )
    assert not survey.questions.filter(pk=added.pk).exists()


def test_the_builder_shows_errors_in_the_summary(client_as):
    survey = survey_with_questions()
    response = client_as("programme_admin").post(
        reverse("engagement:question_new", kwargs={"opportunity_id": survey.pk}),
        {"kind": "single", "text": "Which?", "choices": "Only one", "required": "no"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Enter at least 2 answers to choose from" in body


def test_a_survey_from_another_kind_has_no_builder(client_as):
    review = opportunity(kind=Kind.DOCUMENT_REVIEW)
    response = client_as("programme_admin").get(
        reverse("engagement:questions", kwargs={"opportunity_id": review.pk})
    )
    assert response.status_code == 404


# Answering ---------------------------------------------------------------------------------


def _start(client: Any, token: str, linked: str = "no") -> Any:
    return client.post(
        reverse("engagement:survey_answer", kwargs={"token": token}), {"linked": linked}
    )


def _step(token: str, n: int) -> str:
    return reverse("engagement:survey_step", kwargs={"token": token, "step": n})


def test_answers_are_anonymous_unless_they_choose(client_as):
    survey = survey_with_questions()
    invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    page = client.get(reverse("engagement:survey_answer", kwargs={"token": token}))
    body = page.content.decode()
    assert "Link my answers to my name so the programme team can follow up" in body
    assert 'value="no" checked' in body
    _start(client, token)
    client.post(_step(token, 1), {"q1": "yes"})
    done = client.post(_step(token, 2), {"q3": "4", "q4": ["letter", "email"]})
    assert done.status_code == 302
    assert done["Location"] == reverse("engagement:survey_done", kwargs={"token": token})
    response = SurveyResponse.objects.get(opportunity=survey)
    assert response.participant is None
    assert {a.question.key: a.values for a in response.answers.all()} == {
        "q1": ["yes"],
        "q3": ["4"],
        "q4": ["letter", "email"],
    }
    assert response.answers.get(question__key="q3").rating == 4
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.TOOK_PART
    assert invitation.answered_at is not None and invitation.took_part_at is not None
    # Only the day is kept with the answers, so their time cannot be matched to the invitation.
    assert timezone.localtime(response.submitted_at).time().hour == 0
    event = AuditEvent.objects.get(action="engagement.survey_answered")
    assert "linked=no" in event.note


def test_linked_answers_name_the_participant(client_as):
    survey = survey_with_questions()
    invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    _start(client, token, linked="yes")
    client.post(_step(token, 1), {"q1": "yes"})
    client.post(_step(token, 2), {})
    assert SurveyResponse.objects.get(opportunity=survey).participant == invitation.participant


def test_a_follow_up_is_asked_only_after_the_answer_that_shows_it(client_as):
    survey = survey_with_questions()
    _invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    _start(client, token)
    client.post(_step(token, 1), {"q1": "yes"})
    assert "What would have helped?" not in client.get(_step(token, 2)).content.decode()
    client.post(_step(token, 1), {"q1": "no"})
    assert "What would have helped?" in client.get(_step(token, 2)).content.decode()
    client.post(_step(token, 2), {"q2": "A call from Jo Bloggs on 07700 900123 would help."})
    answer = SurveyAnswer.objects.get(question__key="q2")
    text = RedactedText.objects.get(pk=answer.text_id)
    assert text.purpose == "engagement_answer" and text.status == "pending"
    assert str(text.purpose_label) == "Survey answer on the engagement register"


def test_an_answer_to_a_follow_up_no_longer_shown_is_not_kept(client_as):
    survey = survey_with_questions()
    _invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    _start(client, token)
    client.post(_step(token, 1), {"q1": "no"})
    client.post(_step(token, 2), {"q2": "Words"})  # sent: the survey is over
    assert SurveyAnswer.objects.filter(question__key="q2").count() == 1
    survey2 = survey_with_questions()
    invitation, _token = survey_invitation(survey2)
    survey_submit(invitation=invitation, answers={"q1": "yes", "q2": "Hidden words"}, linked=False)
    assert not SurveyAnswer.objects.filter(
        question__opportunity=survey2, question__key="q2"
    ).exists()


def test_a_required_question_left_empty_is_an_error_on_the_page(client_as):
    survey = survey_with_questions()
    _invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    _start(client, token)
    response = client.post(_step(token, 1), {})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Select an answer" in body
    assert "<title>Error:" in body
    with pytest.raises(RuleBroken) as broken:
        survey_submit(invitation=_invitation, answers={}, linked=False)
    assert broken.value.field == "q1"


def test_a_deep_link_cannot_skip_a_page(client_as):
    survey = survey_with_questions()
    _invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    assert client.get(_step(token, 1))["Location"] == reverse(
        "engagement:survey_answer", kwargs={"token": token}
    )
    _start(client, token)
    assert client.get(_step(token, 2))["Location"] == _step(token, 1)
    assert client.get(_step(token, 9)).status_code == 404


def test_an_invitation_answers_once(client_as):
    survey = survey_with_questions()
    invitation, token = survey_invitation(survey, answered=True)
    client = client_as("anonymous")
    response = client.get(reverse("engagement:survey_answer", kwargs={"token": token}))
    assert response["Location"] == reverse("engagement:survey_done", kwargs={"token": token})
    with pytest.raises(RuleBroken) as broken:
        survey_submit(invitation=invitation, answers={"q1": "no"}, linked=False)
    assert broken.value.code == "answered"
    assert SurveyResponse.objects.filter(opportunity=survey).count() == 1


@pytest.mark.parametrize(
    "status", [InvitationStatus.INVITED, InvitationStatus.DECLINED, InvitationStatus.WITHDRAWN]
)
def test_only_an_accepted_or_selected_invitation_may_answer(client_as, status):
    survey = survey_with_questions()
    invitation, token = survey_invitation(survey, status=status)
    page = client_as("anonymous").get(reverse("engagement:survey_answer", kwargs={"token": token}))
    assert page.status_code == 200
    assert "You cannot answer this survey now" in page.content.decode()
    with pytest.raises(RuleBroken) as broken:
        survey_submit(invitation=invitation, answers={"q1": "no"}, linked=False)
    assert broken.value.code == "not_accepted"


def test_a_selected_invitation_may_answer():
    survey = survey_with_questions()
    invitation, _token = survey_invitation(survey, status=InvitationStatus.SELECTED)
    survey_submit(invitation=invitation, answers={"q1": "no"}, linked=False)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.TOOK_PART


def test_a_closed_survey_takes_no_answers(client_as):
    survey = survey_with_questions(status=OpportunityStatus.CLOSED)
    invitation, token = survey_invitation(survey)
    page = client_as("anonymous").get(reverse("engagement:survey_answer", kwargs={"token": token}))
    assert "This survey is not open" in page.content.decode()
    late = survey_with_questions(closes_at=timezone.now() - timedelta(minutes=1))
    invitation, _token = survey_invitation(late)
    with pytest.raises(RuleBroken) as broken:
        survey_submit(invitation=invitation, answers={"q1": "no"}, linked=False)
    assert broken.value.code == "closed"


def test_an_unknown_link_is_not_found(client_as):
    response = client_as("anonymous").get(
        reverse("engagement:survey_answer", kwargs={"token": "not-a-real-token"})
    )
    assert response.status_code == 404


def test_the_survey_is_in_welsh_on_a_welsh_page(client_as):
    survey = survey_with_questions(title_cy="Sut rydym yn esbonio penderfyniad")
    _invitation, token = survey_invitation(survey)
    client = client_as("anonymous")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    _start(client, token)
    body = client.get(_step(token, 1)).content.decode()
    assert "A gawsoch wybod am y penderfyniad?" in body and "Ie" in body
    assert "Sut rydym yn esbonio penderfyniad" in body
    client.post(_step(token, 1), {"q1": "yes"})
    client.post(_step(token, 2), {})
    assert SurveyResponse.objects.get(opportunity=survey).language == "cy"
