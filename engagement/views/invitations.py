"""Answering an invitation (docs/engagement.md, "Invitations, each a free choice"):

- register/invitations/<token>/: the link in the message, no sign-in needed. The
  opportunity in the person's language (content notes first when it is sensitive), and
  two buttons: yes or no. No reason is asked. A GET never answers (mail scanners open
  links); an unknown or expired link is a plain "page not found".
- register/invitations/<token>/withdraw/: withdraw a yes, after a confirmation page.
- portal/register/invitations/: a signed-in participant's own invitations, with the same
  answers (posted to portal/register/invitations/<id>/answer/, checked against their own
  place on the register).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement import rules
from engagement.access import participant_of
from engagement.models import Invitation, InvitationStatus, Kind, Opportunity
from engagement.selectors.invitations import invitation_for_token, invitation_of, invitations_of
from engagement.services import invitations as services
from engagement.services.invitations import in_language, last_day
from lib.rules import RuleBroken

# The page after a yes, by kind: another feature's page, linked when it exists.
NEXT_STEP: dict[str, str] = {
    Kind.SURVEY: "engagement:survey_answer",
    Kind.CALL_TESTING: "engagement:book",
    Kind.GROUP_DISCUSSION: "engagement:book",
    Kind.INTERVIEW: "engagement:interview_consent",
}


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    # The site's "same-origin" (settings.SECURE_REFERRER_POLICY) already keeps the link's
    # token from other sites. Not "no-referrer": browsers then send "Origin: null" with the
    # page's own yes/no form, and Django's CSRF check refuses the answer.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    return _no_store(render(request, "engagement/invitations/not_found.html", status=404))


def _in_their_language(request: HttpRequest, invitation: Invitation) -> None:
    """Show the page in the person's language unless they chose one on this device."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    language = invitation.participant.language or "en"
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language


def words(opportunity: Opportunity) -> dict[str, Any]:
    """What a participant reads about an opportunity, in the page's language."""
    language = translation.get_language() or "en"
    return {
        "title": in_language(opportunity, "title", language),
        "purpose": in_language(opportunity, "purpose", language),
        "involves": in_language(opportunity, "involves", language),
        "content_notes": in_language(opportunity, "content_notes", language),
        "last_day": last_day(opportunity),
        "payment": (f"£{opportunity.payment_pence / 100:.2f}" if opportunity.payment_pence else ""),
        "sensitive": opportunity.sensitivity != "standard",
    }


def next_step(invitation: Invitation, token: str | None) -> str | None:
    """The page to go to after a yes (a survey to answer, a time to book), if it exists."""
    name = NEXT_STEP.get(invitation.opportunity.kind)
    if name is None or token is None or invitation.status not in rules.YES_STATUSES:
        return None
    try:
        return reverse(name, kwargs={"token": token})
    except NoReverseMatch:
        return None


def _answer(request: HttpRequest, invitation: Invitation, *, by: Any) -> str | None:
    """Record the answer posted ("yes" or "no"); the error's message, or None."""
    answer = request.POST.get("answer")
    try:
        if answer == "yes":
            services.invitation_accept(actor=by, invitation=invitation)
            messages.success(request, _("Thank you. You said yes."))
        elif answer == "no":
            services.invitation_decline(actor=by, invitation=invitation)
            messages.success(
                request,
                _("Thank you for telling us. Saying no never counts against you."),
            )
        elif answer == "withdraw":
            services.invitation_withdraw(actor=by, invitation=invitation)
            messages.success(request, _("You have withdrawn. Thank you for telling us."))
        else:
            return _("Select yes or no")
    except RuleBroken as refused:
        return str(refused)
    return None


# By the link in the message ---------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = invitation_for_token(token)
    if found is None:
        return _not_found(request)
    _in_their_language(request, found)
    error = None
    if request.method == "POST":
        if request.POST.get("answer") not in ("yes", "no"):
            error = _("Select yes or no")
        else:
            error = _answer(request, found, by=None)
            if error is None:
                return redirect("engagement:invitation", token=token)
    found.refresh_from_db()
    return _no_store(
        render(
            request,
            "engagement/invitations/answer.html",
            {
                "invitation": found,
                "words": words(found.opportunity),
                "error": error,
                "next_step": next_step(found, token),
                "may_withdraw": rules.may_withdraw_invitation(found),
                "withdraw_url": reverse("engagement:invitation_withdraw", kwargs={"token": token}),
                "open": found.opportunity.status == "open"
                and timezone.now() < found.opportunity.closes_at,
            },
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    found = invitation_for_token(token)
    if found is None:
        return _not_found(request)
    _in_their_language(request, found)
    if not rules.may_withdraw_invitation(found):
        return redirect("engagement:invitation", token=token)
    if request.method == "POST":
        try:
            services.invitation_withdraw(actor=None, invitation=found)
        except RuleBroken as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("You have withdrawn. Thank you for telling us."))
        return redirect("engagement:invitation", token=token)
    return _no_store(
        render(
            request,
            "engagement/invitations/withdraw.html",
            {
                "invitation": found,
                "words": words(found.opportunity),
                "back": reverse("engagement:invitation", kwargs={"token": token}),
            },
        )
    )


# In the member portal ---------------------------------------------------------------------


@role_required(Role.MEMBER)
def my_invitations(request: HttpRequest) -> HttpResponse:
    participant = participant_of(actor(request))
    items = list(invitations_of(participant)) if participant is not None else []
    try:
        join_url: str | None = reverse("engagement:portal_join")
    except NoReverseMatch:
        join_url = None
    return _no_store(
        render(
            request,
            "engagement/invitations/mine.html",
            {
                "participant": participant,
                "items": [(item, words(item.opportunity)) for item in items],
                "join_url": join_url,
                "now": timezone.now(),
                "yes_statuses": rules.YES_STATUSES,
                "invited": InvitationStatus.INVITED,
                "declined": InvitationStatus.DECLINED,
            },
        )
    )


@role_required(Role.MEMBER)
def my_invitation_answer(request: HttpRequest, invitation_id: int) -> HttpResponse:
    user = actor(request)
    found = invitation_of(participant_of(user), invitation_id)
    if found is None:
        raise Http404
    error = None
    if request.method == "POST":
        error = _answer(request, found, by=user)
        if error is None:
            return redirect("engagement:my_invitations")
    return _no_store(
        render(
            request,
            "engagement/invitations/my_answer.html",
            {
                "invitation": found,
                "words": words(found.opportunity),
                "error": error,
                "may_withdraw": rules.may_withdraw_invitation(found),
                "open": found.opportunity.status == "open"
                and timezone.now() < found.opportunity.closes_at,
            },
        )
    )
