"""The applicant's journey: its steps in order, and the answers kept in the session.

Answers in progress live in the visitor's session, encrypted (lib.encryption) because they
include special category data; URLs carry only step names. A step is complete while its
form, bound again to its stored answers, is valid, and every step checks that all the
applicable steps before it are complete; otherwise the visitor is sent to the first one that
is not. Nothing reaches the database until the visitor sends their answers from Check your
answers. Someone found not eligible by the first questions (age, area, victim) has their
answers removed from the session at once. Later (the police check, the agreement), when
there is more to lose, they are asked first whether they want to stop or to change their
answer: the answers are kept until they confirm (STOPPING_KEY in the state).
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.encryption import decrypt_str, encrypt_str
from recruitment.forms import public as f
from recruitment.reference.equality import PREFER_NOT_TO_SAY

SESSION_KEY = "recruitment_apply"
STOPPING_KEY = "stopping"  # in the state: {"slug": step, "reason": why} until confirmed
SCREENING_SLUGS = ("age", "area", "victim")
DONE_KEY = "recruitment_apply_done"
INELIGIBLE_KEY = "recruitment_apply_ineligible"

Answers = dict[str, Any]


def _answer(answers: Answers, slug: str, name: str = "answer") -> Any:
    return (answers.get(slug) or {}).get(name)


def _equality(answers: Answers) -> bool:
    return _answer(answers, "equality") == f.YES


def _ethnic_background(answers: Answers) -> bool:
    group = _answer(answers, "ethnic-group")
    return _equality(answers) and bool(group) and group != PREFER_NOT_TO_SAY


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[f.StepForm]
    template: str
    title: Any  # the page's question, also its title
    applies: Callable[[Answers], bool] = lambda answers: True
    # Returns the reason ("age", "area", ...) when this answer makes someone ineligible.
    ineligible: Callable[[dict[str, Any]], str] = lambda raw: ""


def _no(reason: str) -> Callable[[dict[str, Any]], str]:
    return lambda raw: reason if raw.get("answer") == f.NO else ""


STEPS: tuple[Step, ...] = (
    Step("age", f.AgeForm, "age", _("Are you 16 or older?"), ineligible=_no("age")),
    Step(
        "area",
        f.AreaForm,
        "area",
        _("Do you live, work or study in %(area)s?"),
        ineligible=lambda raw: "area" if f.NONE in (raw.get("area") or []) else "",
    ),
    Step(
        "victim",
        f.VictimForm,
        "victim",
        _("Have you been a victim of crime?"),
        ineligible=_no("victim"),
    ),
    Step("forums", f.ForumsForm, "forums", _("Which forums would you like to join?")),
    Step("contact", f.ContactForm, "contact", _("Your contact details")),
    Step("safe-contact", f.SafeContactForm, "safe_contact", _("How can we contact you safely?")),
    Step("access-needs", f.AccessNeedsForm, "access_needs", _("Do you have any access needs?")),
    Step("equality", f.EqualityForm, "equality", _("Questions about you")),
    Step(
        "ethnic-group",
        f.EthnicGroupForm,
        "ethnic_group",
        _("What is your ethnic group?"),
        applies=_equality,
    ),
    Step(
        "ethnic-background",
        f.EthnicBackgroundForm,
        "ethnic_background",
        _("Which of these best describes your background?"),
        applies=_ethnic_background,
    ),
    Step(
        "disability",
        f.DisabilityForm,
        "choice",
        _("Are your day-to-day activities limited because of a health condition or disability?"),
        applies=_equality,
    ),
    Step(
        "sexual-orientation",
        f.SexualOrientationForm,
        "choice",
        _("Which of these best describes your sexual orientation?"),
        applies=_equality,
    ),
    Step(
        "gender-identity",
        f.GenderIdentityForm,
        "choice",
        _("Is the gender you identify with the same as your sex registered at birth?"),
        applies=_equality,
    ),
    Step("age-band", f.AgeBandForm, "choice", _("What is your age?"), applies=_equality),
    Step(
        "borough",
        f.BoroughForm,
        "borough",
        _("Which %(area)s borough do you live in?"),
        applies=_equality,
    ),
    Step(
        "pnc-check",
        f.PncCheckForm,
        "pnc_check",
        _("Police check"),
        ineligible=_no("pnc-check"),
    ),
    Step(
        "agreement",
        f.AgreementForm,
        "agreement",
        _("What you agree to as a member"),
        ineligible=_no("agreement"),
    ),
    Step("privacy", f.PrivacyNoticeForm, "privacy", _("How we use your information")),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
CHECK = "check"


# The session ----------------------------------------------------------------------------


def state_load(request: HttpRequest) -> dict[str, Any]:
    token = request.session.get(SESSION_KEY)
    if not token:
        return {"answers": {}, "answered_at": {}}
    try:
        state: dict[str, Any] = json.loads(decrypt_str(token))
    except Exception:  # an old key, or a damaged session: start again
        return {"answers": {}, "answered_at": {}}
    state.setdefault("answers", {})
    state.setdefault("answered_at", {})
    return state


def state_save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = encrypt_str(json.dumps(state))


def state_clear(request: HttpRequest) -> None:
    """Forget every answer (not eligible, or sent)."""
    request.session.pop(SESSION_KEY, None)


def stop_needs_confirming(answers: Answers, slug: str) -> bool:
    """Whether an answer that ends the application would lose more than the first few
    screening answers (then the visitor is asked to confirm before anything is deleted)."""
    return any(step not in SCREENING_SLUGS and step != slug for step in answers)


def state_start(request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
    """Note when the visitor began answering (for the minimum time before sending)."""
    if "started_at" not in state:
        state["started_at"] = time.time()
        state_save(request, state)
    return state


def state_token(request: HttpRequest, state: dict[str, Any]) -> str:
    """The single-use token the Check your answers form carries; a new one each time it is shown."""
    state["token"] = secrets.token_urlsafe(24)
    state_save(request, state)
    return str(state["token"])


# Reading the answers --------------------------------------------------------------------


def step_title(step: Step) -> str:
    """The step's question with the service area filled in."""
    return str(step.title) % {"area": settings.SERVICE_AREA}


def bound_form(step: Step, answers: Answers) -> f.StepForm:
    return step.form(data=answers.get(step.slug) or {}, answers=answers)


def step_complete(step: Step, answers: Answers) -> bool:
    if not step.applies(answers):
        return True
    if step.slug not in answers:
        return False
    form = bound_form(step, answers)
    return form.is_valid() and not step.ineligible(answers[step.slug])


def first_incomplete(answers: Answers, before: str | None = None) -> str:
    """The slug of the first applicable step not complete (before `before`), else CHECK."""
    for step in STEPS:
        if step.slug == before:
            break
        if not step_complete(step, answers):
            return step.slug
    return CHECK


def applicable_steps(answers: Answers) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def next_slug(slug: str, answers: Answers) -> str:
    steps = applicable_steps(answers)
    slugs = [s.slug for s in steps]
    position = slugs.index(slug) if slug in slugs else -1
    return slugs[position + 1] if position + 1 < len(slugs) else CHECK


def previous_slug(slug: str, answers: Answers) -> str | None:
    slugs = [s.slug for s in applicable_steps(answers)]
    if slug == CHECK:
        return slugs[-1]
    position = slugs.index(slug) if slug in slugs else 0
    return slugs[position - 1] if position > 0 else None


def cleaned(answers: Answers) -> dict[str, dict[str, Any]]:
    """Each applicable step's cleaned data (every step must be complete)."""
    out = {}
    for step in applicable_steps(answers):
        form = bound_form(step, answers)
        if not form.is_valid():
            raise ValueError(f"Step {step.slug} is not complete.")
        out[step.slug] = form.cleaned_data
    return out


def answered_at(state: dict[str, Any], slug: str) -> datetime:
    value = state.get("answered_at", {}).get(slug)
    return datetime.fromisoformat(value) if value else timezone.now()
