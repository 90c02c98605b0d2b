"""Retention of the feedback loop (privacy/retention.py, docs/insights.md).

- Feedback points are the forum's record, like its meetings (forums.meetings: deleted six
  months after the forum's tenure ends). Points go a month earlier (five months after
  tenure), with their redacted text. Should the purge miss that month, the meeting purge
  deletes the points with their meeting (FeedbackPoint.meeting cascades) and the redaction
  rules remove their texts.
- Recommendations, police responses and progress updates hold no member's data (the ask,
  the reasons and the actions are the forum's and the police's words; the people linked are
  staff). They are the record of what the police did because victims spoke up, kept six
  years after being raised, as long as the audit log.
- Member digests (who was told what moved, and when) are kept a year: long enough to keep
  to "one digest per six weeks" and to answer a question about a message.
"""

from datetime import timedelta
from typing import Any

from django.db.models import DateTimeField, Q, QuerySet
from django.db.models.functions import Cast

from privacy.retention import PUBLIC_TASK, RetentionRule, no_retention_needed, register

POINTS_PERIOD = timedelta(days=152)  # a month before forums.meetings (183 days)

no_retention_needed("insights.Theme", "Names a theme of feedback, not a person.")
no_retention_needed(
    "insights.OwnerArea",
    "Names a police area; its leads are staff accounts, kept as long as the account.",
)
no_retention_needed(
    "insights.PoliceLeadProfile",
    "A police lead's position, kept as long as their account and deleted with it; once a "
    "deactivated account is anonymised (rule accounts.deactivated_staff) it names nobody.",
)
no_retention_needed(
    "insights.PoliceResponse", "Deleted with its recommendation (insights.recommendations)."
)
no_retention_needed(
    "insights.ProgressUpdate", "Deleted with its recommendation (insights.recommendations)."
)


def _forum_tenure_end() -> Cast:
    return Cast("forum__tenure_ends_on", output_field=DateTimeField())


def delete_points_with_text(queryset: QuerySet[Any]) -> int:
    """Delete one batch of expired feedback points and then their redacted text."""
    from redaction.models import RedactedText

    points = list(queryset.values_list("pk", "text_id"))
    _, per_model = queryset.model.objects.filter(pk__in=[pk for pk, _ in points]).delete()
    RedactedText.objects.filter(pk__in=[text_id for _, text_id in points]).delete()
    return per_model.get("insights.FeedbackPoint", 0)


register(
    RetentionRule(
        key="insights.feedback_points",
        model="insights.FeedbackPoint",
        category="Forum feedback points",
        holds=(
            "What the forum said at a meeting, in the facilitator's words with personal "
            "details redacted (the original encrypted), its themes, and who recorded it."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see=(
            "The forum's facilitators and programme admins; police leads and members see "
            "the released, redacted words only."
        ),
        clock=_forum_tenure_end,
        clock_text="when the forum's tenure ends",
        period=POINTS_PERIOD,
        filter=Q(forum__tenure_ends_on__isnull=False),
        deleter=delete_points_with_text,
        reason=(
            "Points are the forum's record, like its meetings; they go a month before the "
            "meetings they came from (forums.meetings, six months after tenure), or with them."
        ),
    )
)

register(
    RetentionRule(
        key="insights.recommendations",
        model="insights.Recommendation",
        category="Forum recommendations and police responses",
        holds=(
            "What a forum asked the police to do and why, the police response with its "
            "reasons, owner (a job title), actions and progress, and which staff recorded them."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see=(
            "Programme admins, police leads (by position and area), the forum's members, and "
            "the public page in summary."
        ),
        clock="raised_at",
        clock_text="when the recommendation was raised",
        period=timedelta(days=6 * 365),
        reason=(
            "The record of what changed because victims spoke up, kept six years like the "
            "audit log so the police response can be examined."
        ),
    )
)

register(
    RetentionRule(
        key="insights.member_digests",
        model="insights.MemberDigest",
        category="Digests of what moved, sent to members",
        holds="Which member was told which recommendations had moved, and when.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team.",
        clock="sent_at",
        clock_text="when the digest was sent",
        period=timedelta(days=365),
        reason=(
            "Long enough to keep to one digest per six weeks and to answer a question "
            "about a message; the message itself is kept only a week (notify.messages)."
        ),
    )
)
