"""Surveys built in the product: the programme team's questions, and a participant's answers
(docs/engagement.md, "Surveys").

The questions start from the public feedback form's model (a key, an order, a kind, choices
as codes with labels), each carrying its English and Welsh words. A question may be shown
only when the answer to an earlier choice question is one of some choices. Once anyone has
answered, the questions are locked: the answers must keep meaning what they meant.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.access import require
from engagement.access import may_run_register
from engagement.audit_events import (
    QUESTION_ADDED,
    QUESTION_CHANGED,
    QUESTION_MOVED,
    QUESTION_REMOVED,
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


# Building a survey (the programme team) -----------------------------------------------------


@dataclass(frozen=True)
class QuestionIn:
    """A question as the builder's form gives it. `choices`: [{"label", "label_cy"}] in
    order (codes are made from the labels, kept where a label is unchanged); for a rating
    scale, the low and high end labels (either may be empty)."""

    kind: str
    text: str
    text_cy: str = ""
    hint: str = ""
    hint_cy: str = ""
    choices: Sequence[Mapping[str, str]] = ()
    scale: int = 5
    required: bool = False
    show_if: SurveyQuestion | None = None
    show_if_values: Sequence[str] = ()


def questions_locked(opportunity: Opportunity) -> bool:
    """Once anyone has answered, the questions cannot change."""
    return SurveyResponse.objects.filter(opportunity=opportunity).exists()


def _check_may_build(actor: Any, opportunity: Opportunity) -> None:
    require(may_run_register(actor))
    if opportunity.kind != Kind.SURVEY:
        raise RuleBroken(_("Only a survey has questions."), code="not_a_survey")
    if questions_locked(opportunity):
        raise RuleBroken(
            _("Someone has answered this survey, so its questions can no longer change."),
            code="questions_locked",
        )


def _codes_for(
    labels: Sequence[Mapping[str, str]], old: Sequence[Mapping[str, Any]]
) -> list[dict[str, str]]:
    """Choices with codes: an unchanged English label keeps its old code; a new one gets a
    code made from its words."""
    kept = {c.get("label", "").strip().lower(): c["value"] for c in old}
    used: set[str] = set()
    out = []
    for i, item in enumerate(labels, start=1):
        label = (item.get("label") or "").strip()
        code = kept.get(label.lower()) or slugify(label)[:40] or f"choice-{i}"
        base, n = code, 2
        while code in used:
            code, n = f"{base}-{n}", n + 1
        used.add(code)
        out.append(
            {"value": code, "label": label, "label_cy": (item.get("label_cy") or "").strip()}
        )
    return out


def _clean(
    data: QuestionIn, opportunity: Opportunity, *, question: SurveyQuestion | None
) -> dict[str, Any]:
    """The question's fields from the form's answers, or RuleBroken for the field at fault."""
    if data.kind not in QuestionKind.values:
        raise RuleBroken(_("Choose the kind of question"), field="kind")
    text = data.text.strip()
    if not text:
        raise RuleBroken(_("Enter the question"), field="text")
    old_choices = list(question.choices) if question is not None else []
    choices: list[dict[str, str]] = []
    scale = 5
    if data.kind in CHOICE_KINDS:
        given = [c for c in data.choices if (c.get("label") or "").strip()]
        if len(given) < 2:
            raise RuleBroken(_("Enter at least 2 answers to choose from"), field="choices")
        if len(given) > MAX_CHOICES:
            raise RuleBroken(
                _("Enter %(max)s answers or fewer") % {"max": MAX_CHOICES}, field="choices"
            )
        choices = _codes_for(given, old_choices)
    elif data.kind == QuestionKind.RATING:
        scale = data.scale
        if not MIN_SCALE <= scale <= MAX_SCALE:
            raise RuleBroken(
                _("The scale must go from 1 to a number from %(low)s to %(high)s")
                % {"low": MIN_SCALE, "high": MAX_SCALE},
                field="scale",
            )
        ends = list(data.choices)[:2]
        if any((c.get("label") or "").strip() for c in ends):
            choices = [
                {
                    "value": value,
                    "label": (c.get("label") or "").strip(),
                    "label_cy": (c.get("label_cy") or "").strip(),
                }
                for value, c in zip(("1", str(scale)), ends, strict=False)
            ]
    show_if = data.show_if
    values = list(dict.fromkeys(str(v) for v in data.show_if_values))
    if show_if is not None:
        earlier = question is None or (show_if.order, show_if.pk) < (question.order, question.pk)
        if (
            show_if.opportunity_id != opportunity.pk
            or show_if.kind not in CHOICE_KINDS
            or not earlier
            or (question is not None and show_if.pk == question.pk)
        ):
            raise RuleBroken(
                _("A question can only depend on an earlier question with answers to choose"),
                field="show_if",
            )
        codes = {c["value"] for c in show_if.choices}
        if not values or not set(values) <= codes:
            raise RuleBroken(
                _("Choose the answers that show this question"), field="show_if_values"
            )
    else:
        values = []
    return {
        "kind": data.kind,
        "text": text,
        "text_cy": data.text_cy.strip(),
        "hint": data.hint.strip(),
        "hint_cy": data.hint_cy.strip(),
        "choices": choices,
        "scale": scale,
        "required": bool(data.required),
        "show_if": show_if,
        "show_if_values": values,
    }


def _new_key(opportunity: Opportunity) -> str:
    taken = set(
        SurveyQuestion.objects.filter(opportunity=opportunity).values_list("key", flat=True)
    )
    n = len(taken) + 1
    while f"q{n}" in taken:
        n += 1
    return f"q{n}"


def _lock_opportunity(opportunity: Opportunity) -> Opportunity:
    return Opportunity.objects.select_for_update().get(pk=opportunity.pk)


def question_create(*, actor: Any, opportunity: Opportunity, data: QuestionIn) -> SurveyQuestion:
    """Add a question at the end of the survey."""
    with transaction.atomic():
        _lock_opportunity(opportunity)
        _check_may_build(actor, opportunity)
        fields = _clean(data, opportunity, question=None)
        last = SurveyQuestion.objects.filter(opportunity=opportunity).aggregate(m=Max("order"))
        question = SurveyQuestion.objects.create(
            opportunity=opportunity,
            key=_new_key(opportunity),
            order=(last["m"] or 0) + 1,
            **fields,
        )
        audit_record(
            actor=actor,
            action=QUESTION_ADDED,
            obj=question,
            fields=["opportunity", "key", "order", *fields],
        )
    return question


def _dependants(question: SurveyQuestion) -> list[SurveyQuestion]:
    return list(SurveyQuestion.objects.filter(show_if=question).order_by("order", "id"))


def question_update(*, actor: Any, question: SurveyQuestion, data: QuestionIn) -> list[str]:
    """Change a question; the names of the fields that changed. A choice another question
    depends on cannot be taken away, nor can the question stop having choices."""
    with transaction.atomic():
        opportunity = _lock_opportunity(question.opportunity)
        _check_may_build(actor, opportunity)
        question = SurveyQuestion.objects.get(pk=question.pk)
        fields = _clean(data, opportunity, question=question)
        codes = {c["value"] for c in fields["choices"]} if fields["kind"] in CHOICE_KINDS else set()
        for dependant in _dependants(question):
            if not set(dependant.show_if_values) <= codes:
                raise RuleBroken(
                    _(
                        "Question %(n)s is shown only after some answers to this one. "
                        "Change that question first."
                    )
                    % {"n": _number_of(dependant)},
                    field="choices",
                )
        changed = [name for name, value in fields.items() if getattr(question, name) != value]
        for name in changed:
            setattr(question, name, fields[name])
        if changed:
            question.save(update_fields=[n for n in changed])
            audit_record(actor=actor, action=QUESTION_CHANGED, obj=question, fields=changed)
    return changed


def _number_of(question: SurveyQuestion) -> int:
    """A question's number as the builder shows it (1 first)."""
    return (
        SurveyQuestion.objects.filter(opportunity_id=question.opportunity_id)
        .filter(order__lt=question.order)
        .count()
        + SurveyQuestion.objects.filter(
            opportunity_id=question.opportunity_id, order=question.order, pk__lt=question.pk
        ).count()
        + 1
    )


def _renumber(opportunity: Opportunity, ordered: Iterable[SurveyQuestion]) -> None:
    for n, item in enumerate(ordered, start=1):
        if item.order != n:
            item.order = n
            item.save(update_fields=["order"])


def question_delete(*, actor: Any, question: SurveyQuestion) -> None:
    """Remove a question, unless a later question depends on its answer."""
    with transaction.atomic():
        opportunity = _lock_opportunity(question.opportunity)
        _check_may_build(actor, opportunity)
        dependants = _dependants(question)
        if dependants:
            raise RuleBroken(
                _(
                    "Question %(n)s is shown only after some answers to this one. "
                    "Change or remove that question first."
                )
                % {"n": _number_of(dependants[0])},
                code="has_dependants",
            )
        audit_record(actor=actor, action=QUESTION_REMOVED, obj=question, fields=["opportunity"])
        question.delete()
        _renumber(opportunity, survey_questions(opportunity))


def question_move(*, actor: Any, question: SurveyQuestion, direction: str) -> bool:
    """Move a question one place "up" or "down"; False when it is already at that end. A
    question never moves above the question it depends on, nor below one depending on it."""
    if direction not in ("up", "down"):
        raise RuleBroken(_("Choose which way to move the question"), code="direction")
    with transaction.atomic():
        opportunity = _lock_opportunity(question.opportunity)
        _check_may_build(actor, opportunity)
        ordered = survey_questions(opportunity)
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(ordered):
            return False
        first, second = ordered[min(index, other)], ordered[max(index, other)]
        if second.show_if_id == first.pk:
            raise RuleBroken(
                _("A question must stay after the question whose answer shows it."),
                code="order_dependency",
            )
        ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(opportunity, ordered)
        audit_record(actor=actor, action=QUESTION_MOVED, obj=question, fields=["order"])
    return True


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
