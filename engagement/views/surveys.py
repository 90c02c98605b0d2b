"""Survey pages (docs/engagement.md, "Surveys").

The programme team builds a survey's questions:
- engagement/opportunities/<id>/questions/: the questions in order, moved up or down here
  (POST), locked once anyone has answered;
- .../questions/new/, .../questions/<qid>/edit/, .../questions/<qid>/delete/.

A participant answers by their invitation's link, with no sign-in:
- register/invitations/<token>/survey/: answers are anonymous unless they choose to link
  them to their name (default no);
- register/invitations/<token>/survey/<step>/: the questions, a page per step. A question
  that depends on an earlier answer is on a later page than that answer
  (engagement.services.surveys.survey_steps), so conditional questions work without
  JavaScript. The answers wait in the session until the last page sends them;
- register/invitations/<token>/survey/done/: thank you.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.access import actor, role_required
from engagement.access import PROGRAMME_TEAM, get_opportunity_for_user
from engagement.forms.surveys import LinkForm, MoveForm, QuestionForm, SurveyStepForm
from engagement.models import Invitation, Kind, Opportunity, SurveyQuestion
from engagement.selectors.invitations import invitation_by_token
from engagement.services.questions import (
    question_create,
    question_delete,
    question_move,
    question_update,
    questions_locked,
)
from engagement.services.surveys import (
    answer_errors,
    choice_options,
    is_shown,
    survey_open_for,
    survey_questions,
    survey_steps,
    survey_submit,
    words,
)
from lib.rules import RuleBroken, form_rule_error

team_only = role_required(*PROGRAMME_TEAM)
SESSION_KEY = "engagement_survey"


def url_or_none(name: str, **kwargs: Any) -> str | None:
    """A URL another feature may not have built yet: None until it exists."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


# The builder ----------------------------------------------------------------------------


def _survey(request: HttpRequest, opportunity_id: int) -> Opportunity:
    opportunity = get_opportunity_for_user(actor(request), opportunity_id)
    if opportunity.kind != Kind.SURVEY:
        raise Http404
    return opportunity


def _question(opportunity: Opportunity, question_id: int) -> SurveyQuestion:
    return get_object_or_404(SurveyQuestion, pk=question_id, opportunity=opportunity)


def _summaries(questions: list[SurveyQuestion]) -> list[dict[str, Any]]:
    by_id = {q.pk: q for q in questions}
    numbers = {q.pk: n for n, q in enumerate(questions, start=1)}
    rows = []
    for question in questions:
        condition = ""
        if question.show_if_id in by_id:
            source = by_id[question.show_if_id]
            labels = dict(choice_options(source, "en"))
            condition = _("Only when question %(n)s was answered %(answers)s") % {
                "n": numbers[source.pk],
                "answers": ", ".join(f"“{labels.get(v, v)}”" for v in question.show_if_values),
            }
        rows.append(
            {
                "question": question,
                "number": numbers[question.pk],
                "options": [label for _code, label in choice_options(question, "en")],
                "condition": condition,
            }
        )
    return rows


@never_cache
@team_only
def questions(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = _survey(request, opportunity_id)
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            question = _question(opportunity, form.cleaned_data["question"])
            try:
                question_move(
                    actor=actor(request),
                    question=question,
                    direction=form.cleaned_data["direction"],
                )
            except RuleBroken as broken:
                messages.error(request, str(broken))
        return redirect("engagement:questions", opportunity_id=opportunity.pk)
    items = survey_questions(opportunity)
    return render(
        request,
        "engagement/surveys/questions.html",
        {
            "opportunity": opportunity,
            "rows": _summaries(items),
            "locked": questions_locked(opportunity),
            "steps": len(survey_steps(items)),
            "back_url": url_or_none("engagement:opportunity", opportunity_id=opportunity.pk),
        },
    )


def _question_form(
    request: HttpRequest, opportunity: Opportunity, question: SurveyQuestion | None
) -> HttpResponse:
    earlier = [
        q
        for q in survey_questions(opportunity)
        if question is None or (q.order, q.pk) < (question.order, question.pk)
    ]
    initial = QuestionForm.initial_for(question) if question is not None else None
    form = QuestionForm(
        request.POST if request.method == "POST" else None, earlier=earlier, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                question_create(
                    actor=actor(request), opportunity=opportunity, data=form.question_in()
                )
                messages.success(request, _("Question added."))
            else:
                question_update(actor=actor(request), question=question, data=form.question_in())
                messages.success(request, _("Question changed."))
        except RuleBroken as broken:
            field = "show_when" if broken.field in ("show_if", "show_if_values") else broken.field
            form_rule_error(form, RuleBroken(broken.message, field=field, code=broken.code))
        else:
            return redirect("engagement:questions", opportunity_id=opportunity.pk)
    return render(
        request,
        "engagement/surveys/question_form.html",
        {"opportunity": opportunity, "question": question, "form": form},
    )


@never_cache
@team_only
def question_new(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    return _question_form(request, _survey(request, opportunity_id), None)


@never_cache
@team_only
def question_edit(request: HttpRequest, opportunity_id: int, question_id: int) -> HttpResponse:
    opportunity = _survey(request, opportunity_id)
    return _question_form(request, opportunity, _question(opportunity, question_id))


@never_cache
@team_only
def question_delete_view(
    request: HttpRequest, opportunity_id: int, question_id: int
) -> HttpResponse:
    opportunity = _survey(request, opportunity_id)
    question = _question(opportunity, question_id)
    if request.method == "POST":
        try:
            question_delete(actor=actor(request), question=question)
        except RuleBroken as broken:
            messages.error(request, str(broken))
        else:
            messages.success(request, _("Question removed."))
        return redirect("engagement:questions", opportunity_id=opportunity.pk)
    return render(
        request,
        "engagement/surveys/question_delete.html",
        {"opportunity": opportunity, "question": question},
    )


# Answering ---------------------------------------------------------------------------------


def _language() -> str:
    return "cy" if (get_language() or "en").startswith("cy") else "en"


def _invitation(token: str) -> Invitation:
    invitation = invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


def _state(request: HttpRequest, invitation: Invitation) -> dict[str, Any]:
    store = request.session.get(SESSION_KEY) or {}
    return dict(store.get(str(invitation.pk)) or {})


def _save_state(request: HttpRequest, invitation: Invitation, state: dict[str, Any] | None) -> None:
    store = dict(request.session.get(SESSION_KEY) or {})
    if state is None:
        store.pop(str(invitation.pk), None)
    else:
        store[str(invitation.pk)] = state
    request.session[SESSION_KEY] = store


def _unavailable(request: HttpRequest, invitation: Invitation, why: str) -> HttpResponse:
    if why == "answered":
        return redirect("engagement:survey_done", token=request.resolver_match.kwargs["token"])  # type: ignore[union-attr]
    if why == "not_a_survey":
        raise Http404
    opportunity = invitation.opportunity
    return render(
        request,
        "engagement/surveys/unavailable.html",
        {
            "why": why,
            "title": words(opportunity.title, opportunity.title_cy, _language()),
            "invitation_url": url_or_none(
                "engagement:invitation",
                token=request.resolver_match.kwargs["token"],  # type: ignore[union-attr]
            ),
        },
    )


@never_cache
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The first page: answers are anonymous unless they choose to link them."""
    invitation = _invitation(token)
    why = survey_open_for(invitation)
    if why:
        return _unavailable(request, invitation, why)
    state = _state(request, invitation)
    initial = {"linked": "yes" if state.get("linked") else "no"}
    form = LinkForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        state["linked"] = form.cleaned_data["linked"] == "yes"
        state.setdefault("answers", {})
        state.setdefault("reached", 0)
        _save_state(request, invitation, state)
        return redirect("engagement:survey_step", token=token, step=1)
    opportunity = invitation.opportunity
    language = _language()
    return render(
        request,
        "engagement/surveys/start.html",
        {
            "form": form,
            "title": words(opportunity.title, opportunity.title_cy, language),
            "asked_by": opportunity.asked_by,
            "duration": opportunity.duration_minutes,
            "count": len(survey_questions(opportunity)),
        },
    )


def _field_items(form: SurveyStepForm) -> list[dict[str, Any]]:
    """What the template draws for each question: its field and, for choices, the items."""
    out = []
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        items = [
            {"value": code, "text": str(label), "checked": code in selected}
            for code, label in getattr(field, "choices", [])
        ]
        out.append(
            {
                "name": name,
                "kind": field.question.kind,  # type: ignore[attr-defined]
                "required": field.question.required,  # type: ignore[attr-defined]
                "label": field.label,
                "hint": field.help_text,
                "value": value if isinstance(value, str) else "",
                "items": items,
                "error": bound.errors[0] if bound.errors else "",
            }
        )
    return out


@never_cache
def survey_step(request: HttpRequest, token: str, step: int) -> HttpResponse:
    invitation = _invitation(token)
    why = survey_open_for(invitation)
    if why:
        return _unavailable(request, invitation, why)
    state = _state(request, invitation)
    if "linked" not in state:
        return redirect("engagement:survey_answer", token=token)
    everything = survey_questions(invitation.opportunity)
    steps = survey_steps(everything)
    if not 1 <= step <= max(len(steps), 1):
        raise Http404
    reached = int(state.get("reached", 0))
    if step > reached + 1:
        # A deep link past a page not yet answered: back to the first one.
        return redirect("engagement:survey_step", token=token, step=reached + 1)
    answers: dict[str, Any] = dict(state.get("answers") or {})
    by_id = {q.pk: q for q in everything}
    page = [q for q in steps[step - 1] if is_shown(q, answers, by_id)] if steps else []
    last = step >= len(steps)
    if not page and request.method == "GET" and not last:
        # Nothing to ask here given the earlier answers: on to the next page.
        state["reached"] = max(reached, step)
        _save_state(request, invitation, state)
        return redirect("engagement:survey_step", token=token, step=step + 1)
    language = _language()
    initial = {q.key: answers.get(q.key) for q in page}
    form = SurveyStepForm(
        request.POST if request.method == "POST" else None,
        questions=page,
        language=language,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        given = form.answers()
        errors = answer_errors(page, {**answers, **given}, all_questions=everything)
        for key, message in errors.items():
            form.add_error(key, message)
        if not errors:
            for question in steps[step - 1]:
                answers.pop(question.key, None)
            answers.update({k: v for k, v in given.items() if v not in (None, "", [])})
            state["answers"] = answers
            state["reached"] = max(reached, step)
            _save_state(request, invitation, state)
            if not last:
                return redirect("engagement:survey_step", token=token, step=step + 1)
            try:
                survey_submit(
                    invitation=invitation,
                    answers=answers,
                    linked=bool(state.get("linked")),
                    language=language,
                )
            except RuleBroken as broken:
                if broken.field and broken.field in form.fields:
                    form_rule_error(form, broken)
                else:
                    target = next(
                        (
                            n
                            for n, s in enumerate(steps, start=1)
                            for q in s
                            if q.key == broken.field
                        ),
                        None,
                    )
                    if target is None:
                        messages.error(request, str(broken))
                        return redirect("engagement:survey_answer", token=token)
                    state["reached"] = target - 1
                    _save_state(request, invitation, state)
                    messages.error(request, str(broken))
                    return redirect("engagement:survey_step", token=token, step=target)
            else:
                _save_state(request, invitation, None)
                return redirect("engagement:survey_done", token=token)
    opportunity = invitation.opportunity
    back = (
        reverse("engagement:survey_step", kwargs={"token": token, "step": step - 1})
        if step > 1
        else reverse("engagement:survey_answer", kwargs={"token": token})
    )
    return render(
        request,
        "engagement/surveys/step.html",
        {
            "form": form,
            "fields": _field_items(form),
            "title": words(opportunity.title, opportunity.title_cy, language),
            "step": step,
            "steps": len(steps),
            "last": last,
            "back_url": back,
        },
    )


@never_cache
def survey_done(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    if invitation.answered_at is None:
        return redirect("engagement:survey_answer", token=token)
    opportunity = invitation.opportunity
    return render(
        request,
        "engagement/surveys/done.html",
        {
            "title": words(opportunity.title, opportunity.title_cy, _language()),
            "asked_by": opportunity.asked_by,
            "you_said_url": url_or_none("engagement:you_said"),
        },
    )
