"""Surveys built in the product: reading them and a participant's answers (docs/engagement.md,
"Surveys"). The programme team's building of the questions is in services/questions.py.

The questions start from the public feedback form's model (a key, an order, a kind, choices
as codes with labels), each carrying its English and Welsh words. A question may be shown
only when the answer to an earlier choice question is one of some choices. Once anyone has
answered, the questions are locked (services/questions.py): the answers must keep meaning
what they meant.

Answering without JavaScript: the questions are cut into steps, a new step starting at the
first question that depends on an answer given on the same step (`survey_steps`). A follow-up
question is therefore always on a later page than the question it depends on, and whether it
is shown is known when that page is drawn. The answers are kept in the session until the
last step, then `survey_submit` checks them all again and stores them in one transaction.

Answers are anonymous unless the participant chooses to link them to their name. Free text
goes through redaction (purpose `engagement_answer`) and waits for a person's review before
the partner reads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.audit_events import (
    SURVEY_ANSWERED,
)
from engagement.models import (
    Invitation,
    InvitationStatus,
    Kind,
    Opportunity,
    OpportunityStatus,
    Participant,
    QuestionKind,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from lib.rules import RuleBroken
from privacy.audit import audit_record

# The longest free-text answer, and the most choices or scale points a question may have.
MAX_TEXT_LENGTH = 2000
MAX_CHOICES = 20
MIN_SCALE, MAX_SCALE = 2, 10
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
# Invitations that may answer their survey.
MAY_ANSWER = (InvitationStatus.ACCEPTED, InvitationStatus.SELECTED)
REDACTION_PURPOSE = "engagement_answer"


# Reading a survey: words in the page's language, steps, what is shown ---------------------


def words(english: str, welsh: str, language: str) -> str:
    """The Welsh words on a Welsh page when there are any, else the English."""
    return welsh if language.startswith("cy") and welsh.strip() else english


def choice_options(question: SurveyQuestion, language: str) -> list[tuple[str, str]]:
    """(code, label) for each answer a participant can give, in the page's language. A
    rating scale is 1..scale, its ends labelled when the team gave end labels."""
    if question.kind == QuestionKind.RATING:
        ends = question.choices or []
        low = words(ends[0].get("label", ""), ends[0].get("label_cy", ""), language) if ends else ""
        high = (
            words(ends[-1].get("label", ""), ends[-1].get("label_cy", ""), language)
            if len(ends) > 1
            else ""
        )
        options = []
        for n in range(1, question.scale + 1):
            label = str(n)
            if n == 1 and low:
                label = f"{n} ({low})"
            elif n == question.scale and high:
                label = f"{n} ({high})"
            options.append((str(n), label))
        return options
    return [
        (c["value"], words(c.get("label", ""), c.get("label_cy", ""), language))
        for c in question.choices or []
    ]


def survey_steps(questions: Sequence[SurveyQuestion]) -> list[list[SurveyQuestion]]:
    """The questions cut into pages: a new page starts at a question that depends on an
    answer given on the page being built, so each follow-up comes after its answer."""
    steps: list[list[SurveyQuestion]] = []
    current: list[SurveyQuestion] = []
    on_page: set[int] = set()
    for question in questions:
        if question.show_if_id is not None and question.show_if_id in on_page and current:
            steps.append(current)
            current, on_page = [], set()
        current.append(question)
        on_page.add(question.pk)
    if current:
        steps.append(current)
    return steps


def _as_codes(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def is_shown(
    question: SurveyQuestion, answers: Mapping[str, Any], by_id: Mapping[int, SurveyQuestion]
) -> bool:
    """Whether `question` is asked, given the answers so far (keyed by question key): always
    for a question with no condition; else when the question it depends on is shown and its
    answer includes one of the chosen answers."""
    if question.show_if_id is None:
        return True
    condition = by_id.get(question.show_if_id)
    if condition is None:
        return True
    if not is_shown(condition, answers, by_id):
        return False
    return bool(set(_as_codes(answers.get(condition.key))) & set(question.show_if_values or []))


def survey_questions(opportunity: Opportunity) -> list[SurveyQuestion]:
    return list(SurveyQuestion.objects.filter(opportunity=opportunity).order_by("order", "id"))


# Answering (a participant, by their invitation's link) ------------------------------------


def survey_open_for(invitation: Invitation) -> str:
    """Why `invitation` may not answer its survey now ("" when it may): "answered",
    "not_accepted", "closed" or "not_a_survey"."""
    opportunity = invitation.opportunity
    if opportunity.kind != Kind.SURVEY:
        return "not_a_survey"
    if invitation.answered_at is not None:
        return "answered"
    if invitation.status not in MAY_ANSWER:
        return "not_accepted"
    now = timezone.now()
    if opportunity.status != OpportunityStatus.OPEN or not (
        opportunity.opens_at <= now < opportunity.closes_at
    ):
        return "closed"
    return ""


def answer_errors(
    questions: Sequence[SurveyQuestion],
    answers: Mapping[str, Any],
    *,
    all_questions: Sequence[SurveyQuestion] | None = None,
) -> dict[str, str]:
    """The errors in `answers` to the `questions` shown (keyed by question key): a required
    question left empty, an answer that is not one of the choices, free text too long."""
    by_id = {q.pk: q for q in (all_questions or questions)}
    errors: dict[str, str] = {}
    for question in questions:
        if not is_shown(question, answers, by_id):
            continue
        value = answers.get(question.key)
        codes = _as_codes(value)
        if question.kind == QuestionKind.TEXT:
            text = str(value or "").strip()
            if not text and question.required:
                errors[question.key] = _("Enter your answer")
            elif len(text) > MAX_TEXT_LENGTH:
                errors[question.key] = _("Your answer must be %(max)s characters or fewer") % {
                    "max": MAX_TEXT_LENGTH
                }
            continue
        if not codes:
            if question.required:
                errors[question.key] = (
                    _("Select all that apply")
                    if question.kind == QuestionKind.MULTIPLE
                    else _("Select an answer")
                )
            continue
        allowed = {code for code, _label in choice_options(question, "en")}
        if not set(codes) <= allowed or (question.kind != QuestionKind.MULTIPLE and len(codes) > 1):
            errors[question.key] = _("Select an answer from the list")
    return errors


def survey_submit(
    *,
    invitation: Invitation,
    answers: Mapping[str, Any],
    linked: bool,
    language: str = "en",
) -> SurveyResponse:
    """Store one participant's answers: a response (their participant only if `linked`), an
    answer for each question shown and answered, free text redacted and waiting for review.
    The invitation is marked answered and took part. RuleBroken (field: the question's key)
    when a shown question's answer is missing or wrong, or when the invitation may not
    answer (answered already, not accepted, survey closed)."""
    from redaction.services import redaction_prepare

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("opportunity")
            .get(pk=invitation.pk)
        )
        why_not = survey_open_for(invitation)
        if why_not == "answered":
            raise RuleBroken(_("You have already answered this survey."), code="answered")
        if why_not:
            raise RuleBroken(_("This survey is not open to you now."), code=why_not)
        opportunity = invitation.opportunity
        questions = survey_questions(opportunity)
        errors = answer_errors(questions, answers)
        if errors:
            key, message = next(iter(errors.items()))
            raise RuleBroken(message, field=key, code="answer")
        by_id = {q.pk: q for q in questions}
        now = timezone.now()
        # Only the day: a time to the second would match the invitation's `answered_at`
        # and give away whose answers these are.
        day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        response = SurveyResponse.objects.create(
            opportunity=opportunity,
            participant=invitation.participant if linked else None,
            language="cy" if language.startswith("cy") else "en",
            submitted_at=day_start,
        )
        stored = 0
        for question in questions:
            if not is_shown(question, answers, by_id):
                continue
            value = answers.get(question.key)
            if question.kind == QuestionKind.TEXT:
                text = str(value or "").strip()
                if not text:
                    continue
                answer = SurveyAnswer.objects.create(response=response, question=question)
                answer.text = redaction_prepare(
                    text=text, purpose=REDACTION_PURPOSE, source=answer, field_name="text"
                )
                answer.save(update_fields=["text"])
            else:
                codes = _as_codes(value)
                if not codes:
                    continue
                SurveyAnswer.objects.create(
                    response=response,
                    question=question,
                    values=codes,
                    rating=int(codes[0]) if question.kind == QuestionKind.RATING else None,
                )
            stored += 1
        invitation.answered_at = now
        invitation.status = InvitationStatus.TOOK_PART
        invitation.took_part_at = now
        invitation.save(update_fields=["answered_at", "status", "took_part_at"])
        Participant.objects.filter(pk=invitation.participant_id).update(last_active_at=now)
        audit_record(
            actor=None,
            action=SURVEY_ANSWERED,
            obj=invitation,
            fields=["answers", "linked", "answered_at", "status", "took_part_at"],
            note=f"{stored} answers; linked={'yes' if linked else 'no'}",
        )
    return response
