"""Pages of "you said, we did" (docs/you-said-we-did.md): the public page per force, and
the facilitator's button that puts the item on the forum's next meeting. The members'
view is portal.views.what_happened."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from forums.access import get_rw_meeting_for_user
from insights import selectors, services
from lib.rules import RuleBroken


def public(request: HttpRequest) -> HttpResponse:
    """What has changed because victims spoke up: anyone may read it, no account."""
    return render(
        request, "insights/yousaid/public.html", {"groups": selectors.public_you_said_we_did()}
    )


@role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)
@require_POST
def agenda_refresh(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Create or bring up to date the "You said, we did" item on the next meeting of the
    forum of `meeting` (404 for another forum's meeting, 403 for someone who only sees it)."""
    user = actor(request)
    access = get_rw_meeting_for_user(user, meeting_id)
    forum = access.meeting.forum
    try:
        item = services.you_said_we_did_agenda_refresh(actor=user, forum=forum)
    except RuleBroken as error:
        messages.error(request, str(error))
        return redirect("forums:meeting", access.meeting.pk)
    if item is None:
        if selectors.next_meeting_of(forum) is None:
            messages.error(
                request, _("This forum has no meeting to come. Schedule one, then try again.")
            )
        else:
            messages.error(
                request, _("This forum has no recommendations yet, so there is nothing to add.")
            )
        return redirect("forums:meeting", access.meeting.pk)
    messages.success(
        request, _("The \u201cYou said, we did\u201d item on the next meeting is up to date.")
    )
    return redirect("forums:meeting", item.meeting_id)
