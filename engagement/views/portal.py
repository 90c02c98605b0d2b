"""A participant's own register pages in the member portal: everything they gave, a page to
change each answer (the sign-up's own question pages), deleting their optional answers,
pausing and coming back, and leaving; and, for a forum member not on the register yet,
joining in one click. Every page reaches only the signed-in member's own place (404 when
they have none)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement import journey, reference
from engagement.access import participant_of
from engagement.journey import CHANGEABLE, STEPS_BY_SLUG
from engagement.models import Participant, ParticipantStatus
from engagement.services.participants import participant_join_from_forum
from engagement.services.portal import (
    participant_erase_answers,
    participant_leave,
    participant_pause,
    participant_resume,
    participant_update,
)
from engagement.views.joining import answer_rows, step_context
from lib.rules import RuleBroken, form_rule_error
from safecontact.audit_events import CONTACT_FIELDS

member_only = role_required(Role.MEMBER)


def _own(request: HttpRequest) -> Participant:
    participant = participant_of(actor(request))
    if participant is None:
        raise Http404
    return participant


def _change_url(slug: str) -> str:
    return reverse("engagement:portal_change", args=[slug])


@member_only
def home(request: HttpRequest) -> HttpResponse:
    participant = _own(request)
    contact = getattr(participant, "safe_contact", None)
    values = {name: getattr(participant, name) for name in ("full_name", "email", "phone")} | {
        name: getattr(participant, name) for name in reference.OPTIONAL_FIELDS
    }
    safe = {name: getattr(contact, name) for name in CONTACT_FIELDS} if contact else {}
    return render(
        request,
        "engagement/portal/home.html",
        {
            "participant": participant,
            "sections": answer_rows(values, safe, _change_url),
            "paused": participant.status == ParticipantStatus.PAUSED,
            "has_answers": any(getattr(participant, name) for name in reference.OPTIONAL_FIELDS),
        },
    )


@member_only
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if participant_of(user) is not None:
        return redirect("engagement:portal_home")
    problem = ""
    if request.method == "POST":
        try:
            participant_join_from_forum(actor=user, user=user)
        except RuleBroken as broken:
            problem = str(broken.message)
        else:
            messages.success(request, gettext("You have joined the engagement register."))
            return redirect("engagement:portal_home")
    return render(
        request,
        "engagement/portal/join.html",
        {"consent_points": reference.CONSENT_POINTS, "problem": problem},
    )


@member_only
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, field: str) -> HttpResponse:
    participant = _own(request)
    if field not in CHANGEABLE:
        raise Http404
    step = STEPS_BY_SLUG[field]
    answers = journey.contact_answers(participant)
    if request.method == "POST":
        clearing = step.optional and "skip" in request.POST
        form = step.form(data={} if clearing else request.POST, answers=answers)
        if form.is_valid():
            values, safe = journey.step_values(step, form.cleaned_data)
            try:
                participant_update(
                    actor=actor(request), participant=participant, fields=values, safe=safe
                )
            except RuleBroken as broken:
                form_rule_error(form, broken)
            else:
                messages.success(request, gettext("Your details have been changed."))
                return redirect("engagement:portal_home")
    else:
        form = step.form(initial=journey.step_initial(step, participant), answers=answers)
    context = step_context(step, form)
    context.update(
        back_url=reverse("engagement:portal_home"),
        button_text=gettext("Save"),
        secondary=gettext("Remove this answer") if step.optional else "",
        cancel_url=reverse("engagement:portal_home"),
    )
    if step.slug == "contact":
        context["portal_note"] = gettext(
            "This does not change the email address you sign in with. To change that, "
            "contact the programme team."
        )
    return render(request, f"engagement/join/steps/{step.template}.html", context)


@member_only
@require_http_methods(["GET", "POST"])
def erase_answers(request: HttpRequest) -> HttpResponse:
    participant = _own(request)
    if request.method == "POST":
        erased = participant_erase_answers(actor=actor(request), participant=participant)
        messages.success(
            request,
            gettext("Your optional answers have been deleted.")
            if erased
            else gettext("You had no optional answers to delete."),
        )
        return redirect("engagement:portal_home")
    return render(request, "engagement/portal/erase_answers.html", {"participant": participant})


@member_only
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest) -> HttpResponse:
    """Take a break from being asked, or come back (the same page, by the current state)."""
    participant = _own(request)
    paused = participant.status == ParticipantStatus.PAUSED
    if request.method == "POST":
        try:
            if paused:
                participant_resume(actor=actor(request), participant=participant)
                messages.success(
                    request, gettext("Welcome back. We may ask you to take part again.")
                )
            else:
                participant_pause(actor=actor(request), participant=participant)
                messages.success(
                    request,
                    gettext(
                        "You are taking a break. We will not ask you to take part until you come back."
                    ),
                )
        except RuleBroken as broken:
            messages.error(request, str(broken.message))
        return redirect("engagement:portal_home")
    return render(request, "engagement/portal/pause.html", {"paused": paused})


@member_only
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    participant = _own(request)
    if request.method == "POST":
        participant_leave(actor=actor(request), participant=participant)
        messages.success(
            request,
            gettext(
                "You have left the engagement register. We will not contact you about it "
                "again, and we will delete your information within %(days)s days."
            )
            % {"days": settings.ENGAGEMENT_LEFT_DAYS},
        )
        return redirect("portal:home")
    return render(request, "engagement/portal/leave.html", {"days": settings.ENGAGEMENT_LEFT_DAYS})
