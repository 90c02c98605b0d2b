"""Joining the register on the website: the start page, one question per page, check your
answers, the code that confirms the way to contact them, and the confirmation. No account is
needed to start, and nothing is stored until the visitor sends their answers
(engagement.journey keeps them in the session). Whoever confirms their code with an email
address is signed in to the member portal, where they can see and change what they gave.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagement import journey, reference
from engagement.areas import force_area_name
from engagement.forms import joining as f
from engagement.journey import CHECK, STEPS, STEPS_BY_SLUG, Step
from engagement.models import Participant, ParticipantStatus
from engagement.services.participants import (
    CODE_ATTEMPTS,
    CODE_MINUTES,
    JoinAnswers,
    code_channel,
    participant_code_send,
    participant_join,
    participant_verify,
)
from lib.ratelimit import ratelimit_hit, request_identities
from lib.rules import RuleBroken, form_rule_error

TOKEN_USED_SECONDS = 24 * 3600
SUBMISSIONS_PER_HOUR = 5
CODES_PER_HOUR = 5
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def step_url(slug: str, *, returning: bool = False) -> str:
    if slug == CHECK:
        return reverse("engagement:join_check")
    url = reverse("engagement:join_step", args=[slug])
    return f"{url}?return=check" if returning else url


def error_list(form: Any) -> list[dict[str, str]]:
    """The error summary's links: each field's errors (radios and checkboxes are drawn with
    their field's name as the first item's id), then the form's own."""
    errors = [
        {"text": str(error), "href": f"#{name}"}
        for name in form.fields
        for error in form.errors.get(name, [])
    ]
    errors += [{"text": str(error), "href": "#main-content"} for error in form.non_field_errors()]
    return errors


def items(form: Any, name: str, choices: Any) -> list[dict[str, Any]]:
    """Radio or checkbox items for govukRadios/govukCheckboxes, checked from the form."""
    value = form[name].value()
    selected = set(value) if isinstance(value, list | tuple) else {value}
    return [
        {"value": code, "text": str(label), "checked": code in selected} for code, label in choices
    ]


def field_error(form: Any, name: str) -> dict[str, str] | None:
    errors = form.errors.get(name)
    return {"text": " ".join(str(e) for e in errors)} if errors else None


def step_context(step: Step, form: Any) -> dict[str, Any]:
    """What each step's template needs besides the form."""
    context: dict[str, Any] = {
        "form": form,
        "error_list": error_list(form),
        "title": str(step.title),
        "hint": str(step.hint) if step.hint else "",
        "step": step,
        "field_error": lambda name: field_error(form, name),
        "area": force_area_name(),
    }
    if isinstance(form, f.ChoiceForm | f.ManyForm):
        choices = list(form.fields["answer"].choices)  # type: ignore[attr-defined]
        answer_items = items(form, "answer", choices)
        if isinstance(form, f.ManyForm):
            answer_items[-1]["behaviour"] = "exclusive"
            answer_items.insert(-1, {"divider": gettext("or")})
        context["items"] = answer_items
        if step.field == "area":
            value = form["answer"].value() or ""
            context["use_select"] = len(choices) > 8
            context["options"] = [
                {"value": "", "text": gettext("Choose an area"), "selected": not value}
            ] + [
                {"value": code, "text": str(label), "selected": code == value}
                for code, label in choices
            ]
    elif step.slug == "safe-contact":
        offered = [(c, f.CHANNEL_LABELS[c]) for c in form.offered_channels()]
        context["items"] = items(form, "channels", offered)
        context["day_items"] = items(form, "safe_days", f.DAYS)
    return context


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagement/join/start.html",
        {"first_step": step_url(STEPS[0].slug), "consent_points": reference.CONSENT_POINTS},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    this = STEPS_BY_SLUG.get(step)
    if this is None:
        raise Http404
    state = journey.state_load(request)
    answers = state["answers"]
    returning = request.GET.get("return") == "check"
    earlier = journey.first_incomplete(answers, before=this.slug)
    if earlier != CHECK:
        return redirect(step_url(earlier))

    if request.method == "POST":
        skipping = this.optional and "skip" in request.POST
        form = this.form(data={} if skipping else request.POST, answers=answers)
        if form.is_valid():
            answers[this.slug] = {} if skipping else form.raw(request.POST)
            journey.state_save(request, state)
            if returning:
                target = journey.first_incomplete(answers)
                return redirect(step_url(target, returning=target != CHECK))
            return redirect(step_url(journey.next_slug(this.slug)))
    else:
        request.session.pop(journey.DONE_KEY, None)
        form = this.form(initial=answers.get(this.slug), answers=answers)

    previous = journey.previous_slug(this.slug)
    back_url = (
        step_url(CHECK)
        if returning
        else (step_url(previous) if previous else reverse("engagement:join_start"))
    )
    context = step_context(this, form)
    context.update(
        back_url=back_url,
        secondary=gettext("Skip this question") if this.optional else "",
        consent_points=reference.CONSENT_POINTS,
    )
    return render(request, f"engagement/join/steps/{this.template}.html", context)


# Check your answers -----------------------------------------------------------------------


def _lines(*values: Any) -> str:
    return "<br>".join(escape(str(v)) for v in values if v) or escape(gettext("Not answered"))


def answer_rows(
    values: dict[str, Any], safe: dict[str, Any], change_url: Any
) -> dict[str, list[dict[str, Any]]]:
    """Summary list rows of what someone gave (for check your answers and the portal), in
    three parts: "contact", "safe" and "about" (the optional answers). `values` are
    Participant fields, `safe` SafeContact fields, `change_url(slug)` the link to change a
    step's answers."""
    sections: dict[str, list[dict[str, Any]]] = {"contact": [], "safe": [], "about": []}
    rows = sections["contact"]

    def row(key: Any, value_html: str, slug: str) -> None:
        rows.append(
            {
                "key": {"text": str(key)},
                "value": {"html": value_html},
                "actions": {
                    "items": [
                        {
                            "href": change_url(slug),
                            "text": gettext("Change"),
                            "visuallyHiddenText": str(key).lower(),
                        }
                    ]
                },
            }
        )

    row(gettext("Name"), _lines(values.get("full_name")), "name")
    row(gettext("Email address"), _lines(values.get("email")), "contact")
    row(gettext("Mobile phone number"), _lines(values.get("phone")), "contact")
    names = {
        "may_email": f.EMAIL,
        "may_text": f.TEXT,
        "may_phone": f.PHONE,
        "may_voicemail": f.VOICEMAIL,
        "may_letter": f.LETTER,
    }
    ways = [f.CHANNEL_LABELS[code] for name, code in names.items() if safe.get(name)]
    rows = sections["safe"]
    row(gettext("Safe ways to contact you"), _lines(*ways), "safe-contact")
    if safe.get("may_letter"):
        row(
            gettext("Address for letters"),
            _lines(*safe.get("address", "").splitlines()),
            "safe-contact",
        )
    row(gettext("Safe times"), _lines(safe_times_text(safe.get("safe_times", ""))), "safe-contact")
    row(gettext("Times to avoid"), _lines(safe.get("times_to_avoid")), "safe-contact")
    rows = sections["about"]
    for this in STEPS:
        if this.optional:
            label = reference.label_for(this.field, values.get(this.field))
            row(_short_key(this), _lines(label), this.slug)
    return sections


def _short_key(this: Step) -> str:
    return {
        "age_band": gettext("Age"),
        "sex": gettext("Sex"),
        "gender_identity": gettext("Gender identity"),
        "ethnic_group": gettext("Ethnic group"),
        "sexual_orientation": gettext("Sexual orientation"),
        "disability": gettext("Disability"),
        "area": gettext("Area"),
        "crime_kinds": gettext("Kinds of crime"),
        "languages": gettext("Languages"),
        "formats": gettext("Ways of taking part"),
        "access_needs": gettext("Access needs"),
    }[this.field]


def safe_times_text(raw: str) -> str:
    """ "Monday, Tuesday, 10:00 to 15:00" for the safe time ("" for none)."""
    from safecontact.models import minute_text, parse_windows

    try:
        windows = parse_windows(raw)
    except ValueError:
        return ""
    days = dict(f.DAYS)
    return "; ".join(
        gettext("%(days)s, %(start)s to %(end)s")
        % {
            "days": ", ".join(str(days[str(d)]) for d in w.days),
            "start": minute_text(w.start),
            "end": minute_text(w.end),
        }
        for w in windows
    )


def _join_answers(state: dict[str, Any]) -> JoinAnswers:
    clean = journey.cleaned(state["answers"])
    values: dict[str, Any] = {}
    safe: dict[str, Any] = {}
    for this in STEPS:
        step_values, step_safe = journey.step_values(this, clean[this.slug])
        values.update(step_values)
        safe.update(step_safe)
    return JoinAnswers(
        full_name=values.pop("full_name"),
        email=values.pop("email"),
        phone=values.pop("phone"),
        safe=safe,
        answers=values,
        consented_at=timezone.now(),
    )


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(
        request,
        "engagement/join/refused.html",
        {
            "reason": reason,
            "check_url": step_url(CHECK),
            "start_url": reverse("engagement:join_start"),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    state = journey.state_load(request)
    incomplete = journey.first_incomplete(state["answers"])
    if incomplete != CHECK:
        if not state["answers"] and request.session.get(journey.PENDING_KEY):
            return redirect("engagement:join_code")  # sent already (a second press)
        return redirect(step_url(incomplete))
    if request.method == "POST":
        return _send(request, state)
    answers = _join_answers(state)
    sections = answer_rows(
        {"full_name": answers.full_name, "email": answers.email, "phone": answers.phone}
        | answers.answers,
        answers.safe,
        lambda slug: step_url(slug, returning=True),
    )
    rows = [*sections["contact"], *sections["safe"], *sections["about"]]
    return render(
        request,
        "engagement/join/check.html",
        {
            "rows": rows,
            "token": journey.state_token(request, state),
            "back_url": step_url(journey.previous_slug(CHECK) or STEPS[0].slug),
            "channel": _channel(answers),
            "consent_points": reference.CONSENT_POINTS,
        },
    )


def _channel(answers: JoinAnswers) -> str:
    return code_channel(
        email=answers.email,
        phone=answers.phone,
        may_email=bool(answers.safe.get("may_email")),
        may_text=bool(answers.safe.get("may_text")),
    )


def _send(request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
    """Put them on the register (waiting for their code), after the checks that keep
    automated programs out."""
    if not ratelimit_hit(
        "engagement-join", *request_identities(request), limit=SUBMISSIONS_PER_HOUR, period=3600
    ):
        return _refused(request, "rate", 429)
    form = f.CheckForm(request.POST)
    form.is_valid()
    token = form.cleaned_data.get("token", "")
    fresh = bool(token) and token == state.get("token")
    if not fresh or not cache.add(f"engagement:join-token:{token}", 1, TOKEN_USED_SECONDS):
        if request.session.get(journey.PENDING_KEY):
            return redirect("engagement:join_code")  # a second press of the button
        return _refused(request, "expired", 400)
    state.pop("token", None)
    journey.state_save(request, state)
    if form.cleaned_data.get("website"):
        return _refused(request, "automated", 400)
    answers = _join_answers(state)
    participant = participant_join(answers=answers, language=get_language() or "en")
    journey.state_clear(request)
    request.session[journey.PENDING_KEY] = {
        "participant": participant.pk if participant else 0,
        "channel": _channel(answers),
        "wrong": 0,
    }
    return redirect("engagement:join_code")


# The code ---------------------------------------------------------------------------------


def _pending(request: HttpRequest) -> tuple[dict[str, Any] | None, Participant | None]:
    pending = request.session.get(journey.PENDING_KEY)
    if not pending:
        return None, None
    participant = Participant.objects.filter(
        pk=pending.get("participant") or 0, status=ParticipantStatus.UNVERIFIED
    ).first()
    return pending, participant


def _code_page(
    request: HttpRequest, form: Any, pending: dict[str, Any], problem: str = ""
) -> HttpResponse:
    problems = [{"text": problem, "href": "#resend"}] if problem else []
    return render(
        request,
        "engagement/join/code.html",
        {
            "form": form,
            "error_list": problems or error_list(form),
            "field_error": lambda name: field_error(form, name),
            "channel": pending.get("channel", "email"),
            "minutes": CODE_MINUTES,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    pending, participant = _pending(request)
    if pending is None:
        if request.session.get(journey.DONE_KEY):
            return redirect("engagement:join_done")
        return redirect("engagement:join_start")
    form = f.CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if participant is None:
            # Details already on the register (that person was told), or a sign-up
            # confirmed or deleted since: the page answers as for a wrong code.
            pending["wrong"] = int(pending.get("wrong", 0)) + 1
            request.session[journey.PENDING_KEY] = pending
            form.add_error(
                "code",
                gettext("You have entered a wrong code too many times. Ask for a new code.")
                if pending["wrong"] >= CODE_ATTEMPTS
                else gettext("The code is not right. Check it and try again."),
            )
            return _code_page(request, form, pending)
        try:
            user = participant_verify(participant=participant, code=form.cleaned_data["code"])
        except RuleBroken as broken:
            form_rule_error(form, broken)
            return _code_page(request, form, pending)
        signed_in = False
        if user is not None and (not request.user.is_authenticated or request.user.pk == user.pk):
            login(request, user, backend=SIGN_IN_BACKEND)
            signed_in = True
        request.session.pop(journey.PENDING_KEY, None)
        request.session[journey.DONE_KEY] = {"signed_in": signed_in}
        return redirect("engagement:join_done")
    return _code_page(request, form, pending)


@never_cache
@require_POST
def code_resend(request: HttpRequest) -> HttpResponse:
    pending, participant = _pending(request)
    if pending is None:
        return redirect("engagement:join_start")
    form = f.CodeForm()
    if not ratelimit_hit(
        "engagement-join-code", *request_identities(request), limit=CODES_PER_HOUR, period=3600
    ):
        problem = gettext("You have asked for too many codes. Try again in an hour.")
        return _code_page(request, form, pending, problem)
    if participant is not None:
        try:
            pending["channel"] = participant_code_send(participant=participant)
        except RuleBroken as broken:
            return _code_page(request, form, pending, str(broken.message))
    pending["wrong"] = 0
    request.session[journey.PENDING_KEY] = pending
    messages.success(request, gettext("We have sent you a new code. The old code no longer works."))
    return redirect("engagement:join_code")


@never_cache
@require_GET
def done(request: HttpRequest) -> HttpResponse:
    finished = request.session.get(journey.DONE_KEY)
    if not finished:
        return redirect("engagement:join_start")
    return render(
        request,
        "engagement/join/done.html",
        {"signed_in": bool(finished.get("signed_in")) and request.user.is_authenticated},
    )
