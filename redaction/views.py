"""Review pages: the queue of texts waiting for review, one text with its redactions
(add, undo) and the release confirmation. Every page works without JavaScript."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import actor, role_required
from redaction import selectors, services
from redaction.access import REVIEWER_ROLES, get_item_for_user
from redaction.forms import AddRedactionForm, UndoForm, type_label
from redaction.models import RedactedText

QUEUE_PAGE_SIZE = 50


@role_required(*REVIEWER_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    viewer = actor(request)
    page = Paginator(selectors.pending_items(viewer=viewer), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "item": item,
            "created_at": timezone.localtime(item.created_at),
            "unsure": selectors.unsure_count(item),
        }
        for item in page.object_list
    ]
    return render(request, "redaction/queue.html", {"page": page, "rows": rows})


def _review_page(
    request: HttpRequest, item: RedactedText, form: AddRedactionForm, *, status: int = 200
) -> HttpResponse:
    spans = selectors.spans_of(item)
    return render(
        request,
        "redaction/review.html",
        {
            "item": item,
            "spans": spans,
            "type_label": type_label,
            "created_at": timezone.localtime(item.created_at),
            "released_at": timezone.localtime(item.released_at) if item.released_at else None,
            "highlighted": selectors.highlighted_html(item),
            "preview": selectors.text_html(services.released_text(item)),
            "form": form,
        },
        status=status,
    )


@role_required(*REVIEWER_ROLES)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, item_id: int) -> HttpResponse:
    """The text with its redactions highlighted; POST adds a redaction."""
    user = actor(request)
    item = get_item_for_user(user, item_id)
    form = AddRedactionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not item.is_released and form.is_valid():
        try:
            added = services.redaction_add(
                actor=user,
                item=item,
                phrase=form.cleaned_data["phrase"],
                type=form.cleaned_data["type"],
            )
        except ValidationError as error:
            form.add_error("phrase", error.messages[0])
        else:
            messages.success(
                request,
                ngettext("%(count)s redaction added.", "%(count)s redactions added.", added)
                % {"count": added},
            )
            return redirect(reverse("redaction:review", args=[item.pk]) + "#redactions")
    return _review_page(request, item, form)


@role_required(*REVIEWER_ROLES)
@require_POST
def undo(request: HttpRequest, item_id: int) -> HttpResponse:
    """Undo one redaction. The posted start and end must still match it."""
    user = actor(request)
    item = get_item_for_user(user, item_id)
    back = reverse("redaction:review", args=[item.pk]) + "#redactions"
    form = UndoForm(request.POST)
    spans = selectors.spans_of(item)
    if not form.is_valid():
        messages.error(request, _("That redaction could not be undone. Try again."))
        return redirect(back)
    index = form.cleaned_data["span_index"]
    current = spans[index] if index < len(spans) else None
    if (
        current is None
        or current.start != form.cleaned_data["start"]
        or current.end != form.cleaned_data["end"]
    ):
        messages.error(
            request, _("The redactions changed while you were looking. Check the list again.")
        )
        return redirect(back)
    try:
        services.redaction_undo(actor=user, item=item, span_index=index)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Redaction undone. Those words will be released as they were written.")
        )
    return redirect(back)


@role_required(*REVIEWER_ROLES)
@require_http_methods(["GET", "POST"])
def release(request: HttpRequest, item_id: int) -> HttpResponse:
    """Confirm, then release the text as it now reads."""
    user = actor(request)
    item = get_item_for_user(user, item_id)
    if item.is_released:
        return redirect("redaction:review", item_id=item.pk)
    if request.method == "POST":
        try:
            services.redaction_release(actor=user, item=item)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("redaction:review", item_id=item.pk)
        messages.success(request, _("The text has been released with its redactions."))
        return redirect("redaction:queue")
    context: dict[str, Any] = {
        "item": item,
        "redaction_count": len(item.spans),
        "preview": selectors.text_html(services.released_text(item)),
    }
    return render(request, "redaction/release.html", context)
