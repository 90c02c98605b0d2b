"""Building a survey: the programme team's questions (docs/engagement.md, "Surveys").

Kinds: choose one, choose any, a rating scale and free text, with English and Welsh words; a
question may be shown only when an earlier choice question was answered a certain way. Once
anyone has answered, the questions are locked: the answers must keep meaning what they meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.access import require
from engagement.access import may_run_register
from engagement.audit_events import (
    QUESTION_ADDED,
    QUESTION_CHANGED,
    QUESTION_MOVED,
    QUESTION_REMOVED,
)
from engagement.models import (
    Kind,
    Opportunity,
    QuestionKind,
    SurveyQuestion,
    SurveyResponse,
)
from engagement.services.surveys import (
    CHOICE_KINDS,
    MAX_CHOICES,
    MAX_SCALE,
    MIN_SCALE,
    survey_questions,
)
from lib.rules import RuleBroken
from privacy.audit import audit_record


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
