"""The public application: start page, one question per page, check your answers,
confirmation, the not-eligible page (after "do you want to stop?" when there is much to
lose), and the link to withdraw an application sent with the receipt. No account is
needed and nothing is stored until the applicant sends their answers (recruitment.journey
keeps them in the session)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lib.ratelimit import ratelimit_hit, request_identities
from recruitment import journey, rules, services
from recruitment.forms import public as f
from recruitment.journey import CHECK, STEPS_BY_SLUG, Step
from recruitment.reference import equality
from recruitment.reference.equality import PREFER_NOT_TO_SAY
from recruitment.retention import WITHDRAWN_DAYS
from recruitment.selectors import application_for_withdraw_token, cohorts_open
from recruitment.services import ApplicationAnswers, application_submit

TOKEN_USED_SECONDS = 24 * 3600
WITHDRAWN_KEY = "recruitment_withdrawn"

AREA_LABELS = {
    f.LIVES: _("I live in %(area)s"),
    f.WORKS: _("I work in %(area)s"),
    f.STUDIES: _("I study in %(area)s"),
}
CHANNEL_LABELS = {
    f.EMAIL: _("Email"),
    f.TEXT: _("Text message"),
    f.PHONE: _("Phone call"),
    f.VOICEMAIL: _("Voicemail message"),
}
INELIGIBLE_REASONS = ("age", "area", "victim", "pnc-check", "agreement")


def _step_url(slug: str, *, returning: bool = False) -> str:
    if slug == CHECK:
        return reverse("recruitment_public:check")
    url = reverse("recruitment_public:step", args=[slug])
    return f"{url}?return=check" if returning else url


def _area(text: Any) -> str:
    return str(text) % {"area": settings.SERVICE_AREA}


def _error_list(form: Any) -> list[dict[str, str]]:
    return [
        {"text": str(error), "href": f"#{name}"}
        for name in form.fields
        for error in form.errors.get(name, [])
    ]


def _items(
    form: Any, name: str, choices: Any, hints: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Radio or checkbox items for govukRadios/govukCheckboxes, checked from the form."""
    value = form[name].value()
    selected = set(value) if isinstance(value, list | tuple) else {value}
    items = []
    for code, label in choices:
        item: dict[str, Any] = {"value": code, "text": str(label), "checked": code in selected}
        if hints and hints.get(code):
            item["hint"] = {"text": str(hints[code])}
        items.append(item)
    return items


def _field_error(form: Any, name: str) -> dict[str, str] | None:
    errors = form.errors.get(name)
    return {"text": " ".join(str(e) for e in errors)} if errors else None


def _step_context(step: Step, form: Any, answers: journey.Answers) -> dict[str, Any]:
    """What each step's template needs besides the form."""
    context: dict[str, Any] = {}
    if "answer" in form.fields and isinstance(form.fields["answer"], f.forms.ChoiceField):
        context["items"] = _items(form, "answer", form.fields["answer"].choices)
    if step.slug == "area":
        choices = [(code, _area(label)) for code, label in AREA_LABELS.items()]
        items = _items(form, "area", choices)
        none_item = _items(form, "area", [(f.NONE, gettext("No, none of these"))])[0]
        none_item["behaviour"] = "exclusive"
        context["items"] = [*items, {"divider": gettext("or")}, none_item]
    elif step.slug == "forums":
        hints = {}
        for cohort in cohorts_open():
            hint = cohort.display_description
            if cohort.is_partner_facilitated:
                hint = (hint + " " if hint else "") + gettext(
                    "A partner group runs this forum. If you choose it, we will share your "
                    "form with them."
                )
            hints[cohort.slug] = hint
        context["items"] = _items(form, "cohorts", list(form.fields["cohorts"].choices), hints)
    elif step.slug == "safe-contact":
        channels = [(c, CHANNEL_LABELS[c]) for c in form.offered_channels()]
        context["items"] = _items(form, "channels", channels)
    elif step.slug == "borough":
        value = form["answer"].value() or ""
        context["items"] = [
            {"value": "", "text": gettext("Choose a borough"), "selected": not value}
        ] + [
            {"value": code, "text": str(label), "selected": code == value}
            for code, label in form.fields["answer"].choices
        ]
    return context


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "recruitment/public/start.html",
        {"cohorts": cohorts_open(), "area": settings.SERVICE_AREA, "first_step": _step_url("age")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    this = STEPS_BY_SLUG.get(slug)
    if this is None:
        raise Http404
    state = journey.state_load(request)
    answers = state["answers"]
    returning = request.GET.get("return") == "check"
    earlier = journey.first_incomplete(answers, before=slug)
    if earlier != CHECK:
        return redirect(_step_url(earlier))
    if not this.applies(answers):
        return redirect(_step_url(journey.first_incomplete(answers)))

    if request.method == "POST":
        form = this.form(data=request.POST, answers=answers)
        if form.is_valid():
            raw = form.raw(request.POST)
            reason = this.ineligible(raw)
            if reason and journey.stop_needs_confirming(answers, slug):
                state[journey.STOPPING_KEY] = {"slug": slug, "reason": reason}
                journey.state_save(request, state)
                return redirect("recruitment_public:stop")
            if reason:
                return _stop(request, reason)
            state.pop(journey.STOPPING_KEY, None)
            answers[slug] = raw
            state["answered_at"][slug] = timezone.now().isoformat()
            journey.state_save(request, state)
            if returning:
                target = journey.first_incomplete(answers)
                return redirect(_step_url(target, returning=target != CHECK))
            return redirect(_step_url(journey.next_slug(slug, answers)))
    else:
        request.session.pop(journey.DONE_KEY, None)
        journey.state_start(request, state)
        form = this.form(initial=answers.get(slug), answers=answers)

    previous = journey.previous_slug(slug, answers)
    back_url = (
        _step_url(CHECK)
        if returning
        else (_step_url(previous) if previous else reverse("recruitment_public:start"))
    )
    context = {
        "form": form,
        "error_list": _error_list(form),
        "title": journey.step_title(this),
        "step": this,
        "back_url": back_url,
        "area": settings.SERVICE_AREA,
        "field_error": lambda name: _field_error(form, name),
        **_step_context(this, form, answers),
    }
    return render(request, f"recruitment/public/steps/{this.template}.html", context)


# Check your answers -----------------------------------------------------------------------


def _lines(*values: Any) -> str:
    return "<br>".join(escape(str(v)) for v in values if v) or escape(gettext("None given"))


def _summary_sections(answers: journey.Answers) -> list[dict[str, Any]]:
    """Check your answers, in sections with a heading each (a long list is easier to read
    in parts): each section's rows are for govukSummaryList."""
    clean = journey.cleaned(answers)
    sections: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []

    def section(title: Any) -> None:
        nonlocal rows
        rows = []
        sections.append({"title": str(title), "rows": rows})

    def row(key: Any, value_html: str, slug: str) -> None:
        rows.append(
            {
                "key": {"text": str(key)},
                "value": {"html": value_html},
                "actions": {
                    "items": [
                        {
                            "href": _step_url(slug, returning=True),
                            "text": gettext("Change"),
                            "visuallyHiddenText": str(key).lower(),
                        }
                    ]
                },
            }
        )

    yes = gettext("Yes")
    section(gettext("Who can apply"))
    row(gettext("16 or older"), _lines(yes), "age")
    row(
        _area(_("Live, work or study in %(area)s")),
        _lines(*[_area(AREA_LABELS[a]) for a in clean["area"]["area"]]),
        "area",
    )
    row(gettext("Victim of crime"), _lines(yes), "victim")
    names = {c.slug: c.display_name for c in cohorts_open()}
    section(gettext("Your forums"))
    row(
        gettext("Forums you chose"),
        _lines(*[names[s] for s in clean["forums"]["cohorts"]]),
        "forums",
    )
    contact = clean["contact"]
    section(gettext("Your details"))
    row(gettext("Full name"), _lines(contact["full_name"]), "contact")
    row(gettext("Email address"), _lines(contact["email"]), "contact")
    row(gettext("Phone number"), _lines(contact["phone"]), "contact")
    safe = clean["safe-contact"]
    row(
        gettext("Safe ways to contact you"),
        _lines(*[CHANNEL_LABELS[c] for c in safe["channels"]]),
        "safe-contact",
    )
    row(gettext("Times to avoid"), _lines(safe["times_to_avoid"]), "safe-contact")
    row(gettext("Access needs"), _lines(clean["access-needs"]["access_needs"]), "access-needs")
    answered = clean["equality"]["answer"] == f.YES
    section(gettext("Questions about you"))
    row(gettext("Answer these questions"), _lines(yes if answered else gettext("No")), "equality")
    if answered:
        codes = _equality_codes(clean)
        for field, slug, key in (
            ("ethnic_group", "ethnic-group", _("Ethnic group")),
            ("disability", "disability", _("Disability")),
            ("sexual_orientation", "sexual-orientation", _("Sexual orientation")),
            ("gender_identity", "gender-identity", _("Gender identity")),
            ("age_band", "age-band", _("Age")),
            ("borough", "borough", _("Borough")),
        ):
            label = equality.label_for(field, codes[field]) or gettext("Not answered")
            row(key, _lines(label), slug)
    section(gettext("What you agree to"))
    row(gettext("Police check"), _lines(gettext("I agree")), "pnc-check")
    row(
        gettext("Keep the forum private and follow its Terms of Reference"),
        _lines(gettext("I agree")),
        "agreement",
    )
    row(gettext("How we use your information"), _lines(gettext("I have read it")), "privacy")
    return sections


def _equality_codes(clean: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The codes to store for each equality question ("" when not asked)."""
    if clean["equality"]["answer"] != f.YES:
        return {}
    group = clean["ethnic-group"]["answer"]
    background = (clean.get("ethnic-background") or {}).get("answer", "")
    ethnic = background if background and background != PREFER_NOT_TO_SAY else group
    return {
        "ethnic_group": ethnic,
        "disability": clean["disability"]["answer"],
        "sexual_orientation": clean["sexual-orientation"]["answer"],
        "gender_identity": clean["gender-identity"]["answer"],
        "age_band": clean["age-band"]["answer"],
        "borough": clean["borough"]["answer"],
    }


def _answers_for_submit(state: dict[str, Any]) -> ApplicationAnswers:
    answers = state["answers"]
    clean = journey.cleaned(answers)
    area = clean["area"]["area"]
    contact = clean["contact"]
    channels = clean["safe-contact"]["channels"]
    return ApplicationAnswers(
        cohort_slugs=list(clean["forums"]["cohorts"]),
        lives_in_area=f.LIVES in area,
        works_in_area=f.WORKS in area,
        studies_in_area=f.STUDIES in area,
        full_name=contact["full_name"],
        email=contact["email"],
        phone=contact["phone"],
        may_email=f.EMAIL in channels,
        may_text=f.TEXT in channels,
        may_phone=f.PHONE in channels,
        may_voicemail=f.VOICEMAIL in channels,
        times_to_avoid=clean["safe-contact"]["times_to_avoid"],
        access_needs=clean["access-needs"]["access_needs"],
        equality_answered=clean["equality"]["answer"] == f.YES,
        equality=_equality_codes(clean),
        pnc_check_consent_at=journey.answered_at(state, "pnc-check"),
        terms_agreed_at=journey.answered_at(state, "agreement"),
        privacy_notice_seen_at=journey.answered_at(state, "privacy"),
    )


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(
        request,
        "recruitment/public/refused.html",
        {"reason": reason, "check_url": _step_url(CHECK)},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    state = journey.state_load(request)
    answers = state["answers"]
    if request.method == "POST":
        return _submit(request, state)
    incomplete = journey.first_incomplete(answers)
    if incomplete != CHECK:
        return redirect(_step_url(incomplete))
    token = journey.state_token(request, state)
    return render(
        request,
        "recruitment/public/check.html",
        {
            "sections": _summary_sections(answers),
            "token": token,
            "back_url": _step_url(journey.previous_slug(CHECK, answers) or "age"),
        },
    )


def _submit(request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
    """Send the application, after the checks that keep automated programs out."""
    if not ratelimit_hit(
        "apply-submit",
        *request_identities(request),
        limit=settings.RECRUITMENT_SUBMISSIONS_PER_HOUR,
        period=3600,
    ):
        return _refused(request, "rate", 429)
    form = f.SubmitForm(request.POST)
    form.is_valid()
    token = form.cleaned_data.get("token", "")
    fresh = bool(token) and token == state.get("token")
    if not fresh or not cache.add(f"recruitment:apply-token:{token}", 1, TOKEN_USED_SECONDS):
        if request.session.get(journey.DONE_KEY):
            return redirect("recruitment_public:confirmation")  # a second press of the button
        return _refused(request, "expired", 400)
    state.pop("token", None)
    journey.state_save(request, state)
    if form.cleaned_data.get("website"):
        return _refused(request, "automated", 400)
    started_at = float(state.get("started_at") or time.time())
    if time.time() - started_at < settings.RECRUITMENT_MIN_SECONDS_TO_APPLY:
        return _refused(request, "too-fast", 400)
    incomplete = journey.first_incomplete(state["answers"])
    if incomplete != CHECK:
        return redirect(_step_url(incomplete))
    application = application_submit(
        answers=_answers_for_submit(state), language=get_language() or "en"
    )
    journey.state_clear(request)
    request.session[journey.DONE_KEY] = {
        "reference": application.reference,
        "channel": application.safe_channel,
    }
    return redirect("recruitment_public:confirmation")


@never_cache
@require_GET
def confirmation(request: HttpRequest) -> HttpResponse:
    done = request.session.get(journey.DONE_KEY)
    if not done:
        return redirect("recruitment_public:start")
    return render(
        request,
        "recruitment/public/confirmation.html",
        {
            "reference": done["reference"],
            "channel": done["channel"],
            "contact_email": settings.CONTACT_EMAIL,
        },
    )


def _stop(request: HttpRequest, reason: str) -> HttpResponse:
    """Not eligible: forget every answer, then say why."""
    journey.state_clear(request)
    request.session[journey.INELIGIBLE_KEY] = reason
    return redirect("recruitment_public:not_eligible")


@never_cache
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest) -> HttpResponse:
    """An answer that ends the application, late in it: change the answer, or stop (and
    only then delete the answers)."""
    state = journey.state_load(request)
    stopping = state.get(journey.STOPPING_KEY)
    if not stopping or stopping.get("slug") not in STEPS_BY_SLUG:
        return redirect(_step_url(journey.first_incomplete(state["answers"])))
    form = f.StopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["answer"] == f.STOP:
            return _stop(request, stopping["reason"])
        state.pop(journey.STOPPING_KEY, None)
        journey.state_save(request, state)
        return redirect(_step_url(stopping["slug"]))
    return render(
        request,
        "recruitment/public/stop.html",
        {
            "form": form,
            "error_list": _error_list(form),
            "title": gettext("Do you want to stop your application?"),
            "reason": stopping["reason"],
            "back_url": _step_url(stopping["slug"]),
            "field_error": lambda name: _field_error(form, name),
            "items": _items(form, "answer", f.StopForm.CHOICES),
        },
    )


@never_cache
@require_GET
def not_eligible(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(journey.INELIGIBLE_KEY, "")
    return render(
        request,
        "recruitment/public/not_eligible.html",
        {
            "reason": reason if reason in INELIGIBLE_REASONS else "",
            "area": settings.SERVICE_AREA,
        },
    )


# Withdrawing, with the link sent with the receipt ------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Asks to confirm (a GET never withdraws: mail scanners open links), then withdraws.
    The link works once; the page never shows the applicant's name or answers."""
    application = application_for_withdraw_token(token)
    if application is None or not rules.may_withdraw(application):
        return render(
            request,
            "recruitment/public/withdraw_unusable.html",
            {"contact_email": settings.CONTACT_EMAIL},
            status=404,
        )
    if request.method == "POST":
        services.application_withdraw_by_applicant(application=application)
        request.session[WITHDRAWN_KEY] = application.reference
        return redirect("recruitment_public:withdrawn")
    return render(
        request,
        "recruitment/public/withdraw.html",
        {"reference": application.reference, "days": WITHDRAWN_DAYS},
    )


@never_cache
@require_GET
def withdrawn(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(WITHDRAWN_KEY)
    if not reference:
        return redirect("recruitment_public:start")
    return render(
        request,
        "recruitment/public/withdrawn.html",
        {"reference": reference, "days": WITHDRAWN_DAYS, "contact_email": settings.CONTACT_EMAIL},
    )
