"""Forum pages. Every forum is fetched through forums.access.get_forum_for_user: the role
check comes first (403), then the object check (404 for a forum the person must not know)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import role_required
from accounts.roles import Role
from forums import selectors
from forums.access import get_forum_for_user

forum_roles_only = role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)


@forum_roles_only
def forum_list(request: HttpRequest) -> HttpResponse:
    forums = list(selectors.forum_list(viewer=request.user))  # type: ignore[arg-type]
    return render(request, "forums/list.html", {"forums": forums})


@forum_roles_only
def forum_detail(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum, can_change = get_forum_for_user(request.user, forum_id)  # type: ignore[arg-type]
    return render(
        request,
        "forums/detail.html",
        {
            "forum": forum,
            "can_change": can_change,
            "facilitator_count": selectors.forum_facilitator_count(forum=forum),
        },
    )
