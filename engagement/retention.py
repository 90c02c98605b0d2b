"""Retention of the engagement register's records (privacy/retention.py, docs/engagement.md
"Keeping and deleting").

- A participant who leaves is deleted ENGAGEMENT_LEFT_DAYS after leaving (30 by default),
  with their safe contact, invitations, bookings and consents; an account made only for the
  register goes with them. A sign-up never confirmed goes after ENGAGEMENT_UNVERIFIED_DAYS.
- Inactive participants are asked every two years whether to stay (engagement/housekeeping.py,
  a scheduled job, not a deletion rule); one who does not answer is taken off the register,
  and the first rule then deletes them.
- Survey answers and document comments are anonymised (unlinked from the person) the night
  the opportunity closes.
- Invitations (who was asked and who took part) are kept ENGAGEMENT_INVITATION_RETENTION_DAYS
  after the opportunity closes (two years: long enough for "you said, we did"), the
  opportunity itself, its material and anonymous answers ENGAGEMENT_OPPORTUNITY_RETENTION_DAYS
  (six years), partner requests six years after they were submitted.
- Access to material expires by itself and its record goes a day after it expires.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import F, Q, QuerySet

from privacy.retention import (
    PUBLIC_TASK,
    SPECIAL_CATEGORY,
    RetentionRule,
    no_retention_needed,
    register,
)

for label, reason in {
    "engagement.Terms": "The Terms of Reference (settings as data); names only the staff "
    "member who set them.",
    "engagement.Booking": "Deleted with its invitation (rule engagement.invitations) or its "
    "participant (rule engagement.left).",
    "engagement.InterviewConsent": "Deleted with its invitation (rule engagement.invitations) "
    "or its participant (rule engagement.left).",
    "engagement.SurveyAnswer": "Deleted with its opportunity (rule engagement.opportunities); "
    "its response is unlinked from the person when the opportunity closes.",
    "engagement.DocumentComment": "Deleted with its opportunity (rule "
    "engagement.opportunities); its words are redacted text (redaction).",
    "engagement.Material": "Deleted with its opportunity (rule engagement.opportunities).",
    "engagement.Slot": "Deleted with its opportunity (rule engagement.opportunities).",
    "engagement.SurveyQuestion": "Questions written by staff; deleted with their opportunity.",
    "engagement.Selection": "Invitation ids and a seed; deleted with its opportunity (rule "
    "engagement.opportunities).",
}.items():
    no_retention_needed(label, reason)


def _opportunity_closed() -> Any:
    return F("opportunity__closed_at")


def delete_participants(queryset: QuerySet[Any]) -> int:
    """Delete one batch of participants, and the accounts made for the register alone."""
    from engagement.services.portal import register_only_account

    people = list(queryset.select_related("user"))
    accounts = [p.user for p in people if register_only_account(p)]
    _, per_model = queryset.model.objects.filter(pk__in=[p.pk for p in people]).delete()
    for account in accounts:
        account.delete()
    return per_model.get("engagement.Participant", 0)


def anonymise_answers(queryset: QuerySet[Any]) -> int:
    """Anonymise one batch of closed opportunities' answers (the service does each)."""
    from engagement.services.results import opportunity_answers_anonymise

    return sum(opportunity_answers_anonymise(opportunity=o) for o in queryset)


register(
    RetentionRule(
        key="engagement.left",
        model="engagement.Participant",
        category="People who left the engagement register",
        holds=(
            "Name, contact details, safe contact, the optional answers they gave (some "
            "special-category data, encrypted), and the invitations they had."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see="The programme team; the person in their portal.",
        clock="left_at",
        clock_text="when they left the register",
        period="ENGAGEMENT_LEFT_DAYS",
        filter=Q(status="left", left_at__isnull=False),
        deleter=delete_participants,
        reason=(
            "Someone who leaves expects to be forgotten: a short grace period lets a mistake "
            "be undone and the last messages be delivered, then everything goes."
        ),
    )
)

register(
    RetentionRule(
        key="engagement.unverified",
        model="engagement.Participant",
        category="Sign-ups to the register never confirmed",
        holds="Name, contact details and any answers given before the code was confirmed.",
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see="Nobody: an unconfirmed sign-up is not on the register.",
        clock="created_at",
        clock_text="when they started signing up",
        period="ENGAGEMENT_UNVERIFIED_DAYS",
        filter=Q(status="unverified"),
        deleter=delete_participants,
        reason="A sign-up whose contact details were never confirmed may not be theirs.",
    )
)

register(
    RetentionRule(
        key="engagement.answers",
        model="engagement.Opportunity",
        category="Answers linked to the people who gave them",
        holds=(
            "Which participant gave a set of survey answers (when they agreed to be linked) "
            "and which invitation a comment on a document came from."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team, while the opportunity is open.",
        clock="closed_at",
        clock_text="when the opportunity closed",
        period=timedelta(0),
        action="anonymise",
        anonymiser=anonymise_answers,
        filter=Q(closed_at__isnull=False, anonymised_at__isnull=True),
        reason=(
            "Answers are anonymous by default; a link someone agreed to is only needed while "
            "the programme team might follow up, so it goes when the opportunity closes."
        ),
    )
)

register(
    RetentionRule(
        key="engagement.invitations",
        model="engagement.Invitation",
        category="Invitations to take part",
        holds=(
            "Who was invited to which opportunity, their answer, their booking and details "
            "for the day, and their consent to be recorded."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team; the person in their portal. Never the partner.",
        clock=_opportunity_closed,
        clock_text="when the opportunity closed",
        period="ENGAGEMENT_INVITATION_RETENTION_DAYS",
        filter=Q(opportunity__closed_at__isnull=False),
        reason=(
            "Kept two years so that people see what changed because of what they said, and "
            "the cap on how often someone is asked can be kept."
        ),
    )
)

register(
    RetentionRule(
        key="engagement.opportunities",
        model="engagement.Opportunity",
        category="Engagement opportunities and their anonymous results",
        holds=(
            "What was asked and why, its material (documents, videos), anonymous survey "
            "answers, redacted comments and what the partner changed."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team; the partner who asked, once results are released.",
        clock="closed_at",
        clock_text="when the opportunity closed",
        period="ENGAGEMENT_OPPORTUNITY_RETENTION_DAYS",
        filter=Q(closed_at__isnull=False),
        reason="Six years: the record of what victims were asked and what changed because of it.",
    )
)

register(
    RetentionRule(
        key="engagement.requests",
        model="engagement.PartnerRequest",
        category="Requests for engagement from partner agencies",
        holds="What a partner asked for, its material and the programme team's decision.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team and the partner agency that asked.",
        clock="submitted_at",
        clock_text="when the request was submitted",
        period=timedelta(days=2190),
        reason="Six years: the record of how partners used the register.",
    )
)

register(
    RetentionRule(
        key="engagement.material_grants",
        model="engagement.MaterialGrant",
        category="Access to review material",
        holds="Which invitation may view which material, until when.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="Nobody reads it: it lets a participant view material until it expires.",
        clock="expires_at",
        clock_text="when the access expired",
        period=timedelta(days=1),
        reason="Access that has expired is no longer needed.",
    )
)
