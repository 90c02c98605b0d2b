"""Pages for the privacy team: the data protection officer searches the audit log."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import role_required
from accounts.roles import Role
from privacy import selectors
from privacy.audit import audit_log_searched
from privacy.forms.audit import AuditFilterForm, object_type_label

AUDIT_PAGE_SIZE = 50


@role_required(Role.DATA_PROTECTION_OFFICER)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    page = None
    rows = []
    if form.is_bound and not form.is_valid():
        filters = None
    else:
        filters = form.filters() if form.is_bound else {}
        events = selectors.audit_event_list(viewer=request.user, filters=filters)
        page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
        audit_log_searched(viewer=request.user, filters=filters, page=page.number)
        rows = [
            {
                "event": event,
                "label": event.get_action_display(),
                "occurred_at": timezone.localtime(event.occurred_at),
                "roles": sorted(
                    str(a.get_role_display()) for a in getattr(event.actor, "current_roles", [])
                ),
                "object_label": object_type_label(event.object_type) if event.object_type else "",
            }
            for event in page.object_list
        ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/audit_log.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
        },
    )
