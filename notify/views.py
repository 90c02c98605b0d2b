"""The outbox: programme admins read the messages the service would have sent.

It exists only with NOTIFY_BACKEND=outbox outside production (development and test); with
GOV.UK Notify, and always in production, these pages answer 404 for everyone: a sign-in
code in a real member's message must never be readable by staff.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import role_required
from accounts.roles import Role
from notify import selectors, services
from notify.messages import message_title
from notify.models import Message, MessageStatus

OUTBOX_PAGE_SIZE = 50


def outbox_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.outbox_pages_exist():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def status_label(message: Message) -> str:
    """What happened to the message, truthfully: the outbox records, it never sends."""
    if message.status == MessageStatus.SENT and message.backend == "outbox":
        return _("Recorded, not sent")
    return str(message.get_status_display())


@outbox_only
@role_required(Role.PROGRAMME_ADMIN)
def outbox(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.outbox_message_list(viewer=request.user), OUTBOX_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {
            "message": message,
            "recipient": selectors.recipient_mask(message.channel, message.recipient),
            "title": message_title(message.template),
            "status": status_label(message),
            "created_at": timezone.localtime(message.created_at),
        }
        for message in page.object_list
    ]
    return render(
        request,
        "notify/outbox.html",
        {"page": page, "rows": rows, "retention_days": settings.NOTIFY_MESSAGE_RETENTION_DAYS},
    )


@outbox_only
@role_required(Role.PROGRAMME_ADMIN)
def outbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.outbox_message_get(viewer=request.user, message_id=message_id)
    services.message_read(viewer=request.user, message=message)
    paragraphs = [p.splitlines() for p in message.body.split("\n\n") if p.strip()]
    return render(
        request,
        "notify/outbox_message.html",
        {
            "message": message,
            "paragraphs": paragraphs,
            "title": message_title(message.template),
            "status": status_label(message),
            "created_at": timezone.localtime(message.created_at),
        },
    )
