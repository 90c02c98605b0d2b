"""What the programme team's and the panel's pages share: the signed-in user, the roles
that may move an application, a page that asks to confirm a move, a form page, and the
rule check that sends the person back to the application with the reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import actor
from accounts.models import User
from accounts.roles import Role
from lib.rules import RuleBroken
from recruitment.access import get_application_for_user
from recruitment.models import Application

MANAGER_ROLES = (Role.PROGRAMME_ADMIN,)


Confirmed = Callable[[User, Application], str]


def confirm_page(
    request: HttpRequest,
    application_id: int,
    *,
    title: str,
    explanation: str,
    button: str,
    check: Callable[..., None],
    act: Confirmed,
) -> HttpResponse:
    user = actor(request)
    application = get_application_for_user(user, application_id)
    try:
        check(actor=user, application=application)
    except RuleBroken as error:
        messages.error(request, str(error))
        return redirect("recruitment_staff:application", application_id=application.pk)
    if request.method == "POST":
        messages.success(request, act(user, application))
        return redirect("recruitment_staff:application", application_id=application.pk)
    return render(
        request,
        "recruitment/staff/confirm.html",
        {
            "application": application,
            "title": title,
            "explanation": explanation,
            "button": button,
            "no_safe_channel": not application.safe_channel,
        },
    )


def told(sent: bool, done: str) -> str:
    if sent:
        return done + " " + _("We have sent them a message by the way they said is safe.")
    return done + " " + _("No written message is safe for them: tell them by phone.")


def form_page(
    request: HttpRequest,
    application: Application,
    template: str,
    form: Any,
    **context: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {"application": application, "form": form, **context},
        status=200,
    )


def rule_or_redirect(
    request: HttpRequest, check: Callable[..., Any], application: Application
) -> HttpResponse | None:
    try:
        check(actor=actor(request), application=application)
    except RuleBroken as error:
        messages.error(request, str(error))
        return redirect("recruitment_staff:application", application_id=application.pk)
    return None
