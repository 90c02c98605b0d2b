"""Joining the register: its steps in order, the answers kept in the session, and how each
step's answers become a participant's record (and back, for the portal's change pages).

Answers in progress live in the visitor's session, encrypted (lib.encryption) because some
are special category data; URLs carry only step names. A step is complete while its form,
bound again to its stored answers, is valid, and every step checks that the steps before it
are complete; otherwise the visitor is sent to the first one that is not. Only a name, a
way to be contacted, the safe ways and consent are needed: every other question can be
skipped or answered "Prefer not to say". Nothing reaches the database until the visitor
sends their answers from Check your answers; then a code confirms the way to contact them.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from engagement.forms import joining as f
from engagement.reference import PREFER_NOT_TO_SAY
from lib.encryption import decrypt_str, encrypt_str
from safecontact.models import Window, dump_windows, parse_minute

SESSION_KEY = "engagement_join"
# After sending: {"participant": id (0 when the details were already on the register),
# "channel": "email" or "sms"}. Never the details themselves.
PENDING_KEY = "engagement_join_pending"
DONE_KEY = "engagement_join_done"
CHECK = "check"

Answers = dict[str, Any]


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[f.StepForm]
    template: str
    title: Any  # the page's question, also its title
    field: str = ""  # an optional question's Participant field
    hint: Any = ""

    @property
    def optional(self) -> bool:
        return bool(self.field)


_WHY = _(
    "You do not have to answer this question. Your answer helps us ask a good mix of "
    "people. It lets us check that all kinds of people are on the register. We never share "
    "it with the groups who ask us for help. You can change or delete it at any time."
)

STEPS: tuple[Step, ...] = (
    Step("name", f.NameForm, "name", _("What is your name?")),
    Step("contact", f.ContactForm, "contact", _("How can we contact you?")),
    Step("safe-contact", f.SafeContactForm, "safe_contact", _("How can we contact you safely?")),
    Step("age-band", f.AgeBandForm, "choice", _("What is your age?"), "age_band", _WHY),
    Step("sex", f.SexForm, "choice", _("What is your sex?"), "sex", _WHY),
    Step(
        "gender-identity",
        f.GenderIdentityForm,
        "choice",
        _("Is the gender you identify with the same as your sex registered at birth?"),
        "gender_identity",
        _WHY,
    ),
    Step(
        "ethnic-group",
        f.EthnicGroupForm,
        "choice",
        _("What is your ethnic group?"),
        "ethnic_group",
        _WHY,
    ),
    Step(
        "sexual-orientation",
        f.SexualOrientationForm,
        "choice",
        _("What is your sexual orientation?"),
        "sexual_orientation",
        _WHY,
    ),
    Step(
        "disability",
        f.DisabilityForm,
        "choice",
        _("Does a health condition or disability limit what you can do each day?"),
        "disability",
        _WHY,
    ),
    Step(
        "area",
        f.AreaForm,
        "area",
        _("Which area do you live in?"),
        "area",
        _("You do not have to answer this question. Some chances to take part are about one area."),
    ),
    Step(
        "crime-kinds",
        f.CrimeKindsForm,
        "many",
        _("What kinds of crime have you experienced?"),
        "crime_kinds",
        _(
            "You do not have to answer this question. Some chances to take part are about "
            "one kind of crime. Select all that apply. You do not need to tell us anything "
            "else about it."
        ),
    ),
    Step(
        "languages",
        f.LanguagesForm,
        "many",
        _("Which languages can you take part in?"),
        "languages",
        _(
            "You do not have to answer this question. Some chances to take part are in one "
            "language. We use your answer to ask you to the ones you can join. Select all that "
            "apply."
        ),
    ),
    Step(
        "formats",
        f.FormatsForm,
        "many",
        _("How would you like to take part?"),
        "formats",
        _("You do not have to answer this question. Select all that apply."),
    ),
    Step(
        "access-needs",
        f.AccessNeedsForm,
        "access_needs",
        _("Do you have any access needs?"),
        "access_needs",
        _(
            "You do not have to answer this question. For example, step-free access, a "
            "British Sign Language interpreter, large print or breaks."
        ),
    ),
    Step("consent", f.ConsentForm, "consent", _("Joining the engagement register")),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
# The portal's change pages: every step but consent (given once, recorded with its version).
CHANGEABLE = tuple(step.slug for step in STEPS if step.slug != "consent")


# The session ----------------------------------------------------------------------------


def state_load(request: HttpRequest) -> dict[str, Any]:
    token = request.session.get(SESSION_KEY)
    if not token:
        return {"answers": {}}
    try:
        state: dict[str, Any] = json.loads(decrypt_str(token))
    except Exception:  # an old key, or a damaged session: start again
        return {"answers": {}}
    state.setdefault("answers", {})
    return state


def state_save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = encrypt_str(json.dumps(state))


def state_clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def state_token(request: HttpRequest, state: dict[str, Any]) -> str:
    """The single-use token the Check your answers form carries; a new one each time."""
    state["token"] = secrets.token_urlsafe(24)
    state_save(request, state)
    return str(state["token"])


# Reading the answers --------------------------------------------------------------------


def bound_form(step: Step, answers: Answers) -> f.StepForm:
    return step.form(data=answers.get(step.slug) or {}, answers=answers)


def step_complete(step: Step, answers: Answers) -> bool:
    if step.slug not in answers:
        return False
    return bound_form(step, answers).is_valid()


def first_incomplete(answers: Answers, before: str | None = None) -> str:
    """The slug of the first step not complete (before `before`), else CHECK."""
    for step in STEPS:
        if step.slug == before:
            break
        if not step_complete(step, answers):
            return step.slug
    return CHECK


def next_slug(slug: str) -> str:
    slugs = [s.slug for s in STEPS]
    position = slugs.index(slug)
    return slugs[position + 1] if position + 1 < len(slugs) else CHECK


def previous_slug(slug: str) -> str | None:
    slugs = [s.slug for s in STEPS]
    if slug == CHECK:
        return slugs[-1]
    position = slugs.index(slug)
    return slugs[position - 1] if position > 0 else None


def cleaned(answers: Answers) -> dict[str, dict[str, Any]]:
    """Each step's cleaned data (every step must be complete)."""
    out = {}
    for step in STEPS:
        form = bound_form(step, answers)
        if not form.is_valid():
            raise ValueError(f"Step {step.slug} is not complete.")
        out[step.slug] = form.cleaned_data
    return out


# From answers to a record, and back ------------------------------------------------------


def safe_times_of(clean: dict[str, Any]) -> str:
    """The safe-contact page's one safe time as SafeContact.safe_times JSON ("" for none)."""
    days = [int(d) for d in clean.get("safe_days") or []]
    start, end = clean.get("safe_from") or "", clean.get("safe_to") or ""
    if not (days and start and end):
        return ""
    return dump_windows(
        [Window(days=tuple(sorted(days)), start=parse_minute(start), end=parse_minute(end))]
    )


def step_values(step: Step, clean: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """What one step's cleaned answers set: (Participant fields, SafeContact fields)."""
    if step.slug == "name":
        return {"full_name": clean["full_name"]}, {}
    if step.slug == "contact":
        return {"email": clean["email"], "phone": clean["phone"]}, {}
    if step.slug == "safe-contact":
        channels = set(clean["channels"])
        return {}, {
            "may_email": f.EMAIL in channels,
            "may_text": f.TEXT in channels,
            "may_phone": f.PHONE in channels,
            "may_voicemail": f.VOICEMAIL in channels,
            "may_letter": f.LETTER in channels,
            "address": clean["address"] if f.LETTER in channels else "",
            "safe_times": safe_times_of(clean),
            "times_to_avoid": clean["times_to_avoid"],
        }
    if step.slug == "access-needs":
        value = PREFER_NOT_TO_SAY if clean.get("prefer_not_to_say") else clean["access_needs"]
        return {"access_needs": value}, {}
    if step.optional:
        return {step.field: clean["answer"]}, {}
    return {}, {}


def step_initial(step: Step, participant: Any) -> dict[str, Any]:
    """A step's answers as the form takes them, from a participant's record (the portal)."""
    if step.slug == "name":
        return {"full_name": participant.full_name}
    if step.slug == "contact":
        return {"email": participant.email, "phone": participant.phone}
    if step.slug == "safe-contact":
        contact = getattr(participant, "safe_contact", None)
        if contact is None:
            return {}
        names = {
            f.EMAIL: "may_email",
            f.TEXT: "may_text",
            f.PHONE: "may_phone",
            f.VOICEMAIL: "may_voicemail",
            f.LETTER: "may_letter",
        }
        windows = contact.windows
        first = windows[0] if windows else None
        return {
            "channels": [c for c, name in names.items() if getattr(contact, name)],
            "address": contact.address,
            "safe_days": [str(d) for d in first.days] if first else [],
            "safe_from": first.as_dict()["from"] if first else "",
            "safe_to": first.as_dict()["to"] if first else "",
            "times_to_avoid": contact.times_to_avoid,
        }
    if step.slug == "access-needs":
        value = participant.access_needs
        if value == PREFER_NOT_TO_SAY:
            return {"access_needs": "", "prefer_not_to_say": "on"}
        return {"access_needs": value}
    if step.optional:
        return {"answer": getattr(participant, step.field)}
    return {}


def contact_answers(participant: Any) -> Answers:
    """The answers the safe-contact form needs (which ways the contact details allow)."""
    return {"contact": {"email": participant.email, "phone": participant.phone}}
