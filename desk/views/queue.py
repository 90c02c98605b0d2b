"""The desk's queue and working it (docs/desk.md, "The queue").

- /desk/: open tasks due by the end of today, overdue first; filters and "Next page" in the
  query string (ids and codes only). /desk/upcoming/: those due later.
- /desk/tasks/<id>/claim/ and /release/ (POST): claim or let go of a victim's tasks.
- /desk/tasks/<id>/reassign/: a supervisor gives them to another agent.
- /desk/tasks/<id>/late-reason/: "This update is late: say why", after the contact log closed
  a task late (or to close an open task late).
- /desk/tasks/<id>/routed/: a routed feedback comment (redacted) and what the desk did.

The queue never shows a victim's name or anything else that identifies them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from desk.access import DESK_ROLES, SUPERVISOR_ROLES, get_task_for_user, may_supervise_desk
from desk.deadlines import LONDON
from desk.forms.queue import LateReasonForm, QueueFilter, ReassignForm, RoutedTaskForm
from desk.models import ContactAttempt, Task, TaskStatus
from desk.selectors.queue import QueuePage, obligation_label, queue_page, upcoming_page
from desk.services import (
    late_reason_record,
    routed_task_handle,
    task_claim,
    task_close,
    task_reassign,
    task_release,
)
from desk.services.tasks import is_late, needs_late_reason
from lib.rules import RuleBroken, form_rule_error

desk_only = role_required(*DESK_ROLES)
supervisors_only = role_required(*SUPERVISOR_ROLES)


def _next(request: HttpRequest, default: str) -> str:
    """Where to go after an action: a page of the desk the form came from, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/desk/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return default


def _queue_page(request: HttpRequest, *, upcoming: bool) -> HttpResponse:
    user = actor(request)
    chosen = QueueFilter(request.GET)
    reader = upcoming_page if upcoming else queue_page
    page: QueuePage = reader(viewer=user, filters=chosen.filters(), after=request.GET.get("after"))
    next_url = ""
    if page.next_after:
        next_url = "?" + urlencode({**chosen.query(), "after": page.next_after})
    return render(
        request,
        "desk/queue.html",
        {
            "page": page,
            "chosen": chosen,
            "upcoming": upcoming,
            "next_url": next_url,
            "here": request.get_full_path(),
            "supervisor": may_supervise_desk(user),
            "filtered": bool(chosen.values),
        },
    )


@never_cache
@desk_only
def queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, upcoming=False)


@never_cache
@desk_only
def upcoming(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, upcoming=True)


@desk_only
@require_POST
def task_claim_view(request: HttpRequest, task_id: int) -> HttpResponse:
    user = actor(request)
    task = get_task_for_user(user, task_id)
    try:
        task_claim(actor=user, task=task)
    except RuleBroken as broken:
        messages.warning(request, str(broken))
    else:
        task.refresh_from_db(fields=["claimed_by", "claimed_until"])
        messages.success(
            request,
            _("You are working on this until %(time)s. Nobody else can claim it before then.")
            % {"time": _london_time(task)},
        )
    return redirect(_next(request, reverse("desk:queue")))


def _london_time(task: Task) -> str:
    return timezone.localtime(task.claimed_until, LONDON).strftime("%H:%M")


def _london(value: Any) -> Any:
    return timezone.localtime(value, LONDON) if value else None


@desk_only
@require_POST
def task_release_view(request: HttpRequest, task_id: int) -> HttpResponse:
    user = actor(request)
    task = get_task_for_user(user, task_id)
    try:
        task_release(actor=user, task=task)
    except RuleBroken as broken:
        messages.warning(request, str(broken))
    else:
        messages.success(request, _("Released. Other agents can now work on this."))
    return redirect(_next(request, reverse("desk:queue")))


@never_cache
@supervisors_only
def task_reassign_view(request: HttpRequest, task_id: int) -> HttpResponse:
    user = actor(request)
    task = get_task_for_user(user, task_id)
    form = ReassignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["to"]
        try:
            task_reassign(actor=user, task=task, to=to)
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("Reassigned to %(name)s.") % {"name": to})
            return redirect("desk:queue")
    return render(
        request,
        "desk/task_reassign.html",
        {"form": form, "task": task, "label": obligation_label(task.kind, task.obligation)},
    )


def _after_late_reason(task: Task) -> str:
    """The next task the same contact closed late without a reason, else the case."""
    if task.contact_id is not None:
        following = (
            Task.objects.filter(contact_id=task.contact_id, status=TaskStatus.DONE, late_reason="")
            .exclude(pk=task.pk)
            .order_by("due_at", "pk")
        )
        for other in following:
            if needs_late_reason(other):
                return reverse("desk:late_reason", kwargs={"task_id": other.pk})
    if task.case_id is not None:
        return reverse("desk:case", kwargs={"case_id": task.case_id})
    return reverse("desk:queue")


def _contact_of(request: HttpRequest, task: Task) -> ContactAttempt | None:
    """The victim's contact named in the query string (`?contact=<id>`), if any."""
    value = request.GET.get("contact", "")
    if not value.isdigit() or task.victim_id is None:
        return None
    return ContactAttempt.objects.filter(pk=int(value), victim_id=task.victim_id).first()


@never_cache
@desk_only
def late_reason(request: HttpRequest, task_id: int) -> HttpResponse:
    user = actor(request)
    task = get_task_for_user(user, task_id)
    form = LateReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if task.status == TaskStatus.OPEN:
                task = task_close(
                    actor=user,
                    task=task,
                    contact=_contact_of(request, task),
                    late_reason=data["late_reason"],
                    late_note=data.get("late_note", ""),
                )
            else:
                task = late_reason_record(
                    actor=user,
                    task=task,
                    late_reason=data["late_reason"],
                    late_note=data.get("late_note", ""),
                )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("The reason it was late is recorded."))
            return redirect(_next(request, _after_late_reason(task)))
    return render(
        request,
        "desk/task_late_reason.html",
        {
            "form": form,
            "task": task,
            "label": obligation_label(task.kind, task.obligation),
            "late": is_late(task),
            "asked": needs_late_reason(task) or (task.is_open and is_late(task)),
            "done_local": _london(task.done_at),
        },
    )


@never_cache
@desk_only
def routed_task(request: HttpRequest, task_id: int) -> HttpResponse:
    from redaction.services import released_text

    user = actor(request)
    task = get_task_for_user(user, task_id)
    if task.routed_comment_id is None:
        raise Http404
    routed = task.routed_comment
    assert routed is not None
    response = routed.response
    late = task.is_open and is_late(task)
    form = RoutedTaskForm(request.POST if request.method == "POST" else None, late=late)
    if request.method == "POST" and task.is_open and form.is_valid():
        data = form.cleaned_data
        try:
            routed_task_handle(
                actor=user,
                task=task,
                action=data["action"],
                note=data.get("note", ""),
                late_reason=data.get("late_reason", ""),
                late_note=data.get("late_note", ""),
            )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("Recorded. The comment is marked as handled."))
            return redirect(reverse("desk:queue") + "?" + urlencode({"kind": "routed"}))
    return render(
        request,
        "desk/task_routed.html",
        {
            "form": form,
            "task": task,
            "routed": routed,
            "response": response,
            "text": released_text(response.comment) if response.comment is not None else "",
            "label": obligation_label(task.kind, task.obligation),
            "late": late,
            "times": {
                "received": _london(routed.created_at),
                "due": _london(task.due_at),
                "done": _london(task.done_at),
            },
        },
    )
