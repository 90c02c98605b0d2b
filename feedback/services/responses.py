"""Writes for post-contact feedback: codes and postings, starting the form, saving a
response (its comment redacted and, when it suggests a risk or a complaint, routed to the
Victim Focus Desk), and the retention batches. See docs/feedback.md.

Changes to a posting or a routed comment record their own audit events
(feedback/audit_events.py). Responses are anonymous: saving one
is not audited as a change to a person's record (there is no person on it).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from feedback import audit_events as events
from feedback import form_session
from feedback.form_routing import routing_reasons
from feedback.models import (
    Borough,
    Channel,
    FeedbackCode,
    Invitation,
    OfficerPosting,
    Response,
    RoutedComment,
    RoutedStatus,
    Team,
)
from privacy.audit import audit_record

COMMENT_PURPOSE = "feedback_comment"
COMMENT_MAX_LENGTH = 2000
CHANNELS = {choice.value for choice in Channel}


# Codes, teams and postings ------------------------------------------------------------


def code_generate() -> str:
    """16 random URL-safe characters: opaque, carrying nothing about the officer."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def team_code_ensure(*, team: Team) -> FeedbackCode:
    """The team's own code (officer null), made if it has none."""
    code = FeedbackCode.objects.filter(team=team, officer__isnull=True, active=True).first()
    if code is None:
        code = FeedbackCode.objects.create(team=team, code=code_generate())
    return code


@transaction.atomic
def team_ensure(*, borough: Borough, name: str, slug: str = "") -> Team:
    """A team (made if missing, by slug) with its own code."""
    team, _ = Team.objects.get_or_create(
        slug=slug or slugify(name)[:200], defaults={"name": name, "borough": borough}
    )
    team_code_ensure(team=team)
    return team


def borough_general_team(*, borough: Borough) -> Team:
    """The borough's general team: where feedback goes when the person knows the borough
    but not the team."""
    return team_ensure(
        borough=borough, name=f"{borough.name} (whole borough)", slug=f"{borough.slug}-borough"
    )


@transaction.atomic
def officer_posting_set(*, officer: Any, team: Team, actor: Any = None) -> OfficerPosting:
    """Post an officer to a team; their active code follows them (made if missing)."""
    posting, created = OfficerPosting.objects.update_or_create(
        officer=officer, defaults={"team": team}
    )
    codes = FeedbackCode.objects.filter(officer=officer, active=True)
    if codes.exists():
        codes.exclude(team=team).update(team=team)
    else:
        FeedbackCode.objects.create(team=team, officer=officer, code=code_generate())
    audit_record(
        actor=actor,
        action=events.OFFICER_POSTED,
        obj=posting,
        fields=["team"],
        note="feedback: officer posted to a team" if created else "feedback: posting changed",
    )
    return posting


# Starting the form --------------------------------------------------------------------


def form_session_start(
    request: HttpRequest,
    *,
    code: FeedbackCode | None,
    channel: str,
    invitation: Invitation | None = None,
    language: str | None = None,
) -> str:
    """Start a feedback form in this person's session and return the URL of its first page
    (redirect there). `code` says which team (and officer) the feedback is about; None
    only for the website when the person does not know the borough. `channel` is one of
    Channel ("qr", "sms", "email", "web"). `invitation`, for SMS and email links, is
    marked used when the response is saved. `language` is a Language code ("cy", "pl",
    "ar"...) or None to follow the site's language. Nothing goes in the URL."""
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}")
    if invitation is not None and code is None:
        code = (
            FeedbackCode.objects.filter(
                team_id=invitation.team_id, officer_id=invitation.officer_id, active=True
            ).first()
            or FeedbackCode.objects.filter(
                team_id=invitation.team_id, officer__isnull=True, active=True
            ).first()
        )
    context = form_session.context_new(
        code_id=code.pk if code is not None else None,
        channel=channel,
        invitation_id=invitation.pk if invitation is not None else None,
        language=language or "",
    )
    form_session.context_save(request, context)
    return reverse("feedback:questions")


# Saving a response --------------------------------------------------------------------


@dataclass(frozen=True)
class CoreAnswers:
    overall: int
    respect: str = ""
    listened: str = ""
    kept_informed: str = ""
    told_support: str = ""
    comment: str = ""


@dataclass(frozen=True)
class Submitted:
    response: Response
    created: bool  # False: the same form was sent again; nothing new was saved


def _month(moment: Any) -> Any:
    return timezone.localtime(moment).date().replace(day=1)


def response_submit(
    *,
    code: FeedbackCode | None,
    channel: str,
    answers: CoreAnswers,
    submission_key: str,
    language: str = "en",
    invitation: Invitation | None = None,
) -> Submitted:
    """Save one person's feedback. The comment is redacted (pending review: only the
    moderation reviewer sees the original) and, when it suggests a safeguarding risk or
    a complaint, routed to the Victim Focus Desk. A second submission with the same key
    (the same form posted again) returns the first response and saves nothing.

    One transaction and only the statements needed: the response's INSERT (the unique
    submission_key is the duplicate check: a second copy fails it and the first is
    returned), the comment's INSERT and the response's link to it, the routed comments
    in one bulk INSERT, and the invitation's UPDATE when there is one."""
    if channel not in CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}")
    if not 1 <= answers.overall <= 5:
        raise ValueError("overall must be 1 to 5")
    comment_text = answers.comment.strip()[:COMMENT_MAX_LENGTH]
    reasons = routing_reasons(comment_text) if comment_text else []
    now = timezone.now()
    team = code.team if code is not None else None
    try:
        with transaction.atomic():
            response = Response.objects.create(
                channel=channel,
                team=team,
                borough_id=team.borough_id if team is not None else None,
                officer_id=code.officer_id if code is not None else None,
                invitation=invitation
                if invitation is not None and invitation.used_at is None
                else None,
                language=language,
                submitted_at=now,
                month=_month(now),
                overall=answers.overall,
                respect=answers.respect,
                listened=answers.listened,
                kept_informed=answers.kept_informed,
                told_support=answers.told_support,
                routed=bool(reasons),
                submission_key=submission_key,
            )
            if comment_text:
                from redaction.services import redaction_prepare

                response.comment = redaction_prepare(
                    text=comment_text,
                    purpose=COMMENT_PURPOSE,
                    source=response,
                    field_name="comment",
                )
                Response.objects.filter(pk=response.pk).update(comment=response.comment)
            if reasons:
                from desk.services.routed import routed_task_create

                for reason in reasons:
                    # Into the Victim Focus Desk's queue, with its deadline.
                    routed_task_create(
                        routed=RoutedComment.objects.create(
                            response=response, reason=reason, created_at=now
                        )
                    )
            if response.invitation_id is not None:
                Invitation.objects.filter(pk=response.invitation_id, used_at__isnull=True).update(
                    used_at=now
                )
    except IntegrityError:
        # The same form sent again (or two copies racing): the first one was saved.
        existing = Response.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return Submitted(existing, created=False)
    return Submitted(response, created=True)


EQUALITY_FIELDS = ("age_band", "ethnic_group", "sex", "disabled")


@transaction.atomic
def response_equality_record(*, response: Response, answers: dict[str, str]) -> Response:
    """Add the optional equality answers (blank = not answered). Once only: a second
    post of the page changes nothing."""
    fresh = Response.objects.select_for_update().get(pk=response.pk)
    if fresh.equality_answered_at is not None:
        return fresh
    for name in EQUALITY_FIELDS:
        setattr(fresh, name, answers.get(name, "") or "")
    fresh.equality_answered_at = timezone.now()
    fresh.save(update_fields=[*EQUALITY_FIELDS, "equality_answered_at"])
    return fresh


# The Victim Focus Desk's queue --------------------------------------------------------


@transaction.atomic
def routed_comment_handle(*, actor: Any, routed: RoutedComment, action: str = "") -> RoutedComment:
    """The desk marks a routed comment handled (audited, with what it did: a
    `desk.models.RoutedAction` code). Handling twice changes nothing. The desk calls this as it
    closes the comment's task (desk.services.routed.routed_task_handle)."""
    fresh = RoutedComment.objects.select_for_update().get(pk=routed.pk)
    if fresh.status == RoutedStatus.HANDLED:
        return fresh
    fresh.status = RoutedStatus.HANDLED
    fresh.handled_by = actor
    fresh.handled_at = timezone.now()
    fresh.save(update_fields=["status", "handled_by", "handled_at"])
    audit_record(
        actor=actor,
        action=events.ROUTED_COMMENT_HANDLED,
        obj=fresh,
        fields=["status", "handled_by", "handled_at"] + (["action"] if action else []),
        note=f"feedback: routed comment ({fresh.reason}) marked handled"
        + (f" ({action})" if action else ""),
    )
    return fresh


# Retention batches (feedback/retention.py) --------------------------------------------


def response_comment_drop_batch(queryset: QuerySet[Any]) -> int:
    """Delete the comments of a batch of responses; the ratings stay."""
    from redaction.models import RedactedText

    rows = list(queryset.values_list("pk", "comment_id"))
    comment_ids = [comment_id for _, comment_id in rows if comment_id is not None]
    Response.objects.filter(pk__in=[pk for pk, _ in rows]).update(comment=None)
    RedactedText.objects.filter(pk__in=comment_ids).delete()
    return len(rows)


def invitation_contact_clear_batch(queryset: QuerySet[Any]) -> int:
    """Forget the phone numbers and email addresses of a batch of invitations."""
    return Invitation.objects.filter(pk__in=list(queryset.values_list("pk", flat=True))).update(
        contact=None
    )
