"""The public feedback form and the Victim Focus Desk's queue of routed comments.

The form: /f/<code>/ (QR) or /give-feedback/ (website) starts it in the session; then
/give-feedback/questions/ (core questions, saved on Continue), /give-feedback/about-you/
(optional equality questions) and /give-feedback/thanks/. Nothing personal is in a URL;
the only query parameter is ?lang= (a language code). See docs/feedback.md.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import role_required
from feedback import form_session, form_text, rules, selectors, services
from feedback.access import ROUTED_QUEUE_ROLES, get_routed_for_user
from feedback.form_session import FormContext
from feedback.forms.responses import EqualityForm, QuestionsForm
from feedback.models import Borough, Channel, Invitation, Response
from lib.ratelimit import ratelimit_hit, request_identities

UNKNOWN = "unknown"


# Helpers ------------------------------------------------------------------------------


def _form_cookie(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The form's views keep its context in its own signed cookie, not the session
    (feedback/form_session.py)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form_session.cookie_enable(request)
        return form_session.cookie_apply(request, view(request, *args, **kwargs))

    return wrapper


def _error_list(form: Any) -> list[dict[str, str]]:
    return [
        {"text": str(error), "href": f"#{name}"}
        for name in form.fields
        for error in form.errors.get(name, [])
    ]


def _radio_items(form: Any, name: str, choices: list[tuple[str, str]]) -> list[dict[str, Any]]:
    value = form[name].value()
    return [
        {"value": code, "text": label, "checked": str(code) == str(value)}
        for code, label in choices
    ]


def _field_error(form: Any, name: str) -> dict[str, str] | None:
    errors = form.errors.get(name)
    return {"text": " ".join(str(e) for e in errors)} if errors else None


def _language(request: HttpRequest, context: FormContext | None) -> form_text.FormLanguage:
    return form_text.language_resolve(
        context.language if context is not None else "", form_text.languages()
    )


def _language_switch(request: HttpRequest, context: FormContext) -> HttpResponse | None:
    """?lang=xx chooses the form's language, then the page is shown again without it."""
    code = request.GET.get("lang")
    if code is None:
        return None
    known = {language.code for language in form_text.languages()}
    if code in known:
        # English and Welsh follow the site's language switch; the form remembers others.
        form_session.context_replace(
            request, context, language="" if code in form_text.GETTEXT_LANGUAGES else code
        )
        response = redirect(request.path)
        if code in form_text.GETTEXT_LANGUAGES:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                code,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
            from django.utils import translation

            translation.activate(code)
        return response
    return redirect(request.path)


def _page(
    request: HttpRequest,
    template: str,
    context: FormContext | None,
    extra: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    language = _language(request, context)
    data = {
        "t": form_text.texts(language),
        "form_language": language,
        "pageTitleLang": language.code,  # the <title> is in the form's language
        "languages": form_text.languages(),
        "report_url": settings.FEEDBACK_REPORT_CRIME_URL,
        "complaint_url": settings.FEEDBACK_COMPLAINT_URL,
        **extra,
    }
    return render(request, template, data, status=status)


def _next_step(context: FormContext) -> str:
    if context.response_id is None:
        return reverse("feedback:questions")
    if not context.done:
        return reverse("feedback:equality")
    return reverse("feedback:thanks")


# Starting the form --------------------------------------------------------------------


@_form_cookie
def code_landing(request: HttpRequest, code: str) -> HttpResponse:
    """/f/<code>/: the QR link. Starts the form for the code's team and officer."""
    found = selectors.code_active(code)
    if found is None:
        return render(request, "feedback/code_not_found.html", status=404)
    return redirect(services.form_session_start(request, code=found, channel=Channel.QR))


@_form_cookie
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """/give-feedback/: the website's start. Which borough (or "I don't know")?"""
    boroughs = list(selectors.boroughs())
    error = None
    if request.method == "POST":
        choice = request.POST.get("borough", "")
        if choice == UNKNOWN:
            return redirect(services.form_session_start(request, code=None, channel=Channel.WEB))
        borough = next((b for b in boroughs if b.slug == choice), None)
        if borough is not None:
            if selectors.borough_teams(borough):
                return redirect(f"{reverse('feedback:team')}?borough={borough.slug}")
            return _start_for_team(request, borough, None)
        error = _("Select the borough, or I do not know")
    items = [{"value": "", "text": _("Choose a borough"), "selected": True}]
    items += [{"value": b.slug, "text": b.name} for b in boroughs]
    items.append({"value": UNKNOWN, "text": _("I do not know")})
    return render(
        request,
        "feedback/start.html",
        {
            "items": items,
            "error": {"text": error} if error else None,
            "report_url": settings.FEEDBACK_REPORT_CRIME_URL,
            "complaint_url": settings.FEEDBACK_COMPLAINT_URL,
        },
    )


def _start_for_team(request: HttpRequest, borough: Borough, team_slug: str | None) -> HttpResponse:
    team = None
    if team_slug:
        team = next((t for t in selectors.borough_teams(borough) if t.slug == team_slug), None)
    if team is None:
        team = services.borough_general_team(borough=borough)
    code = services.team_code_ensure(team=team)
    return redirect(services.form_session_start(request, code=code, channel=Channel.WEB))


@_form_cookie
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    """/give-feedback/team/?borough=<slug>: which team in the borough (or "I don't know")."""
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    if borough is None:
        return redirect("feedback:start")
    teams = selectors.borough_teams(borough)
    error = None
    if request.method == "POST":
        choice = request.POST.get("team", "")
        if choice == UNKNOWN or any(t.slug == choice for t in teams):
            return _start_for_team(request, borough, None if choice == UNKNOWN else choice)
        error = _("Select the team, or I do not know")
    items: list[dict[str, Any]] = [{"value": t.slug, "text": t.name} for t in teams]
    items += [{"divider": _("or")}, {"value": UNKNOWN, "text": _("I do not know")}]
    return render(
        request,
        "feedback/team.html",
        {"borough": borough, "items": items, "error": {"text": error} if error else None},
    )


# The questions ------------------------------------------------------------------------


def _questions_page(
    request: HttpRequest,
    context: FormContext,
    form: QuestionsForm,
    *,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    fields = []
    for question in form.questions:
        entry: dict[str, Any] = {"q": question, "error": _field_error(form, question.key)}
        if question.kind != "free_text":
            entry["items"] = _radio_items(form, question.key, question.choices)
        else:
            entry["value"] = form[question.key].value() or ""
        fields.append(entry)
    code = selectors.code_by_id(context.code_id)
    return _page(
        request,
        "feedback/questions.html",
        context,
        {
            "form": form,
            "fields": fields,
            "error_list": _error_list(form),
            "token": form_session.token_issue(context.nonce),
            "team": code.team if code is not None else None,
            "notice": notice,
        },
        status=status,
    )


@_form_cookie
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest) -> HttpResponse:
    context = form_session.context_get(request)
    if context is None:
        return redirect("feedback:start")
    switched = _language_switch(request, context)
    if switched is not None:
        return switched
    language = _language(request, context)
    words = form_text.texts(language)
    question_views = form_text.questions(form_text.CORE, language)
    if request.method == "GET":
        if context.response_id is not None:
            return redirect(_next_step(context))
        return _questions_page(
            request, context, QuestionsForm(questions=question_views, words=words)
        )

    form = QuestionsForm(request.POST, questions=question_views, words=words)
    check = form_session.token_check(request.POST.get("token", ""))
    if check.nonce is not None and check.nonce != context.nonce:
        # A form from an earlier start (another tab, another code): a second response
        # only if it has not been saved already.
        key = form_session.submission_key(check.nonce)
        if Response.objects.filter(submission_key=key).exists():
            return redirect("feedback:thanks")
        check = form_session.TokenCheck(nonce=None, age_seconds=0)
    if check.nonce is not None and context.response_id is not None:
        return redirect(_next_step(context))  # the same form sent again
    if not form.is_valid():
        return _questions_page(request, context, form)
    if check.nonce is None:
        return _questions_page(request, context, form, notice=words["expired"])
    client = request_identities(request)
    limit = settings.FEEDBACK_SUBMIT_RATE_PER_HOUR
    allowed = ratelimit_hit("feedback-submit", *client, limit=limit, period=3600)
    if allowed and context.channel == "qr" and context.code_id is not None:
        # A printed code is one team's or officer's: many forms through it in an hour from
        # "different" clients is one client changing its address.
        allowed = ratelimit_hit(
            "feedback-submit-code",
            f"code:{context.code_id}",
            limit=settings.FEEDBACK_SUBMIT_RATE_PER_CODE_PER_HOUR,
            period=3600,
        )
    if allowed and check.age_seconds < rules.MIN_FILL_SECONDS:
        allowed = ratelimit_hit(
            "feedback-submit-fast", *client, limit=rules.FAST_SUBMITS_PER_HOUR, period=3600
        )
    if not allowed:
        return _questions_page(request, context, form, notice=words["rate_limited"], status=429)

    data = form.cleaned_data
    invitation = (
        Invitation.objects.filter(pk=context.invitation_id).first()
        if context.invitation_id
        else None
    )
    submitted = services.response_submit(
        code=selectors.code_by_id(context.code_id),
        channel=context.channel,
        answers=services.CoreAnswers(
            overall=int(data["overall"]),
            respect=data.get("respect") or "",
            listened=data.get("listened") or "",
            kept_informed=data.get("kept_informed") or "",
            told_support=data.get("told_support") or "",
            comment=data.get("comment") or "",
        ),
        submission_key=form_session.submission_key(check.nonce),
        language=language.code,
        invitation=invitation,
    )
    done = submitted.response.equality_answered_at is not None
    context = form_session.context_replace(
        request, context, response_id=submitted.response.pk, done=done
    )
    return redirect(_next_step(context))


@_form_cookie
@require_http_methods(["GET", "POST"])
def equality(request: HttpRequest) -> HttpResponse:
    context = form_session.context_get(request)
    if context is None:
        return redirect("feedback:start")
    switched = _language_switch(request, context)
    if switched is not None:
        return switched
    if context.response_id is None:
        return redirect("feedback:questions")
    language = _language(request, context)
    words = form_text.texts(language)
    question_views = form_text.questions(form_text.EQUALITY, language)
    response = Response.objects.filter(pk=context.response_id).first()
    if response is None:
        form_session.context_replace(request, context, done=True)
        return redirect("feedback:thanks")
    if request.method == "POST":
        if "skip" in request.POST:
            services.response_equality_record(response=response, answers={})
        else:
            form = EqualityForm(request.POST, questions=question_views, words=words)
            form.is_valid()  # every question is optional; an unknown value is ignored
            services.response_equality_record(response=response, answers=dict(form.cleaned_data))
        form_session.context_replace(request, context, done=True)
        return redirect("feedback:thanks")
    form = EqualityForm(questions=question_views, words=words)
    fields = [{"q": q, "items": _radio_items(form, q.key, q.choices)} for q in form.questions]
    return _page(request, "feedback/equality.html", context, {"fields": fields})


@_form_cookie
def thanks(request: HttpRequest) -> HttpResponse:
    context = form_session.context_get(request)
    if context is not None:
        switched = _language_switch(request, context)
        if switched is not None:
            return switched
    code = selectors.code_by_id(context.code_id) if context is not None else None
    borough = code.team.borough if code is not None else None
    rights_url = services_url = ""
    try:
        rights_url = reverse("directory:rights")
        services_url = reverse("directory:services")
    except NoReverseMatch:  # pragma: no cover - the directory app is always installed
        pass
    if borough is not None and services_url:
        services_url = f"{services_url}?borough={borough.slug}"
    return _page(
        request,
        "feedback/thanks.html",
        context,
        {"rights_url": rights_url, "services_url": services_url, "borough": borough},
    )


# The Victim Focus Desk ----------------------------------------------------------------


@role_required(*ROUTED_QUEUE_ROLES)
def routed_queue(request: HttpRequest) -> HttpResponse:
    """Routed comments are tasks in the desk's own queue now (desk.services.routed)."""
    return redirect(reverse("desk:queue") + "?kind=routed")


@role_required(*ROUTED_QUEUE_ROLES)
@require_POST
def routed_handle(request: HttpRequest, routed_id: int) -> HttpResponse:
    """The desk records what it did about a comment on its task's page."""
    from desk.services.routed import routed_task_create

    routed = get_routed_for_user(request.user, routed_id)
    task = routed_task_create(routed=routed)
    return redirect("desk:routed_task", task_id=task.pk)
