"""Results back to the partner, what they changed because of it, and answers unlinked from
people once an opportunity closes (docs/engagement.md, "Results").

- The programme team releases an opportunity's results once it is closed and every
  free-text answer (and document comment) has been reviewed by a person. The partner who
  asked is told by email, and has `Terms.response_days` (the Terms in force that day) to
  say what they changed.
- The partner records what they changed (English, optional Welsh); a reminder goes seven
  days before the date if they have not.
- Every night, the survey answers of closed opportunities are unlinked from the people who
  chose to link them, and document comments from their invitations.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import require
from engagement.access import may_request_engagement, may_run_register
from engagement.audit_events import (
    ANSWERS_ANONYMISED,
    RESULTS_RELEASED,
    WHAT_CHANGED_RECORDED,
    WHAT_CHANGED_REMINDED,
)
from engagement.models import (
    DocumentComment,
    Opportunity,
    OpportunityStatus,
    SurveyAnswer,
    SurveyResponse,
)
from engagement.services.terms import terms_on
from lib.rules import RuleBroken
from privacy.audit import audit_record
from redaction.models import Status

# Days before `change_due_on` when the partner is reminded, if they have said nothing.
REMINDER_DAYS_BEFORE = 7
MAX_WHAT_CHANGED = 5000
CLOSED_STATES = (OpportunityStatus.CLOSED, OpportunityStatus.RESULTS_RELEASED)


def comments_waiting(opportunity: Opportunity) -> int:
    """Free-text answers and document comments of `opportunity` still waiting for review."""
    answers = SurveyAnswer.objects.filter(
        response__opportunity=opportunity, text__status=Status.PENDING
    ).count()
    comments = DocumentComment.objects.filter(
        material__opportunity=opportunity, text__status=Status.PENDING
    ).count()
    return answers + comments


def check_may_release(opportunity: Opportunity) -> None:
    """RuleBroken unless the results can be released now: closed, not released already, and
    no comment waiting for review."""
    if opportunity.status == OpportunityStatus.RESULTS_RELEASED:
        raise RuleBroken(_("The results have already been released."), code="released")
    if opportunity.status != OpportunityStatus.CLOSED:
        raise RuleBroken(
            _("Close the opportunity before releasing its results."), code="not_closed"
        )
    waiting = comments_waiting(opportunity)
    if waiting:
        raise RuleBroken(
            _(
                "%(count)s comments are still waiting for review. Review them before "
                "releasing the results."
            )
            % {"count": waiting},
            code="comments_waiting",
        )


def _partner_email(opportunity: Opportunity) -> str:
    request = opportunity.request
    if request is None or request.submitted_by is None:
        return ""
    user = request.submitted_by
    return user.email if user.is_active and user.email else ""


def results_release(*, actor: Any, opportunity: Opportunity) -> Opportunity:
    """Release the results to the partner who asked: they may read them, and have the Terms'
    `response_days` to say what they changed. The partner is told by email."""
    from notify.services import message_send

    require(may_run_register(actor))
    with transaction.atomic():
        opportunity = (
            Opportunity.objects.select_for_update(of=("self",))
            .select_related("request__submitted_by")
            .get(pk=opportunity.pk)
        )
        check_may_release(opportunity)
        now = timezone.now()
        today = timezone.localdate(now)
        opportunity.results_released_at = now
        opportunity.results_released_by = actor
        opportunity.status = OpportunityStatus.RESULTS_RELEASED
        changed = ["results_released_at", "results_released_by", "status"]
        if opportunity.request_id is not None:
            opportunity.change_due_on = today + timedelta(days=terms_on(today).response_days)
            changed.append("change_due_on")
        opportunity.save(update_fields=changed)
        audit_record(actor=actor, action=RESULTS_RELEASED, obj=opportunity, fields=changed)
        email = _partner_email(opportunity)
        if email and opportunity.change_due_on is not None:
            message_send(
                template="engagement_results_released",
                to_email=email,
                personalisation={
                    "title": opportunity.title,
                    "due": date_format(opportunity.change_due_on, "j F Y"),
                    "link": _link("engagement:results", opportunity),
                },
            )
    return opportunity


def _link(name: str, opportunity: Opportunity) -> str:
    return settings.SITE_URL + reverse(name, kwargs={"opportunity_id": opportunity.pk})


def what_changed_record(
    *, actor: Any, opportunity: Opportunity, what_changed: str, what_changed_cy: str = ""
) -> list[str]:
    """The partner says what they changed because of what people said (again to correct it);
    the names of the fields that changed. Only the partner whose organisation asked, once
    the results are released."""
    require(may_request_engagement(actor))
    with transaction.atomic():
        opportunity = (
            Opportunity.objects.select_for_update(of=("self",))
            .select_related("request")
            .get(pk=opportunity.pk)
        )
        request = opportunity.request
        require(request is not None and request.organisation_id == actor.organisation_id)
        if opportunity.results_released_at is None:
            raise RuleBroken(
                _("You can say what you changed once the results are released."),
                code="not_released",
            )
        english = what_changed.strip()
        welsh = what_changed_cy.strip()
        if not english:
            raise RuleBroken(_("Enter what you changed"), field="what_changed")
        for name, text in (("what_changed", english), ("what_changed_cy", welsh)):
            if len(text) > MAX_WHAT_CHANGED:
                raise RuleBroken(
                    _("Enter %(max)s characters or fewer") % {"max": MAX_WHAT_CHANGED},
                    field=name,
                )
        changed = [
            name
            for name, value in (("what_changed", english), ("what_changed_cy", welsh))
            if getattr(opportunity, name) != value
        ]
        if not changed:
            return []
        opportunity.what_changed = english
        opportunity.what_changed_cy = welsh
        opportunity.what_changed_at = timezone.now()
        opportunity.what_changed_by = actor
        changed += ["what_changed_at", "what_changed_by"]
        opportunity.save(update_fields=changed)
        audit_record(actor=actor, action=WHAT_CHANGED_RECORDED, obj=opportunity, fields=changed)
    return changed


def what_changed_remind_due(*, today: date | None = None) -> int:
    """Remind each partner who has said nothing, from seven days before their date (once).
    Returns how many reminders went."""
    from notify.services import message_send

    today = today or timezone.localdate()
    due = Opportunity.objects.filter(
        results_released_at__isnull=False,
        what_changed_at__isnull=True,
        change_reminded_at__isnull=True,
        change_due_on__isnull=False,
        change_due_on__lte=today + timedelta(days=REMINDER_DAYS_BEFORE),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            opportunity = (
                Opportunity.objects.select_for_update(of=("self",))
                .select_related("request__submitted_by")
                .get(pk=pk)
            )
            if opportunity.change_reminded_at is not None or opportunity.what_changed_at:
                continue
            opportunity.change_reminded_at = timezone.now()
            opportunity.save(update_fields=["change_reminded_at"])
            audit_record(
                actor=None,
                action=WHAT_CHANGED_REMINDED,
                obj=opportunity,
                fields=["change_reminded_at"],
            )
            email = _partner_email(opportunity)
            if email and opportunity.change_due_on is not None:
                message_send(
                    template="engagement_what_changed_reminder",
                    to_email=email,
                    personalisation={
                        "title": opportunity.title,
                        "due": date_format(opportunity.change_due_on, "j F Y"),
                        "link": _link("engagement:what_changed", opportunity),
                    },
                )
                sent += 1
    return sent


def opportunity_answers_anonymise(*, opportunity: Opportunity, now: Any = None) -> bool:
    """Unlink a closed opportunity's answers from the people who gave them (survey responses
    from participants, document comments from invitations) and mark it anonymised. Run by the
    retention rule `engagement.answers` (engagement/retention.py) the night after it closes.
    False when it was already done or is not closed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if locked.anonymised_at is not None or locked.status not in CLOSED_STATES:
            return False
        responses = SurveyResponse.objects.filter(
            opportunity=locked, participant__isnull=False
        ).update(participant=None)
        comments = DocumentComment.objects.filter(
            material__opportunity=locked, invitation__isnull=False
        ).update(invitation=None)
        locked.anonymised_at = now
        locked.save(update_fields=["anonymised_at"])
        audit_record(
            actor=None,
            action=ANSWERS_ANONYMISED,
            obj=locked,
            fields=["anonymised_at", "participant", "invitation"],
            note=f"{responses} responses, {comments} comments unlinked",
        )
    return True
