"""Retention of post-contact feedback (privacy/retention.py, docs/feedback.md).

Responses are anonymous (no name, contact or identifier), but they link to the officer the
feedback is about and hold equality answers: they are kept three years, long enough to
compare a year with the two before it, then deleted. The free-text comment (a RedactedText
under redaction review) is dropped a year after submission; the ratings stay. Routed
comments (the Victim Focus Desk's queue) are deleted a year after they were routed.

An invitation's phone number or email address is kept only to send it: cleared once sent
(feedback/services/invitations.py clears it when the message is handed to notify) and in any
case at most 7 days after the invitation was made (rule feedback.invitation_contacts), as GOV.UK Notify keeps messages 7 days.
"""

from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet

from privacy.retention import (
    PUBLIC_TASK,
    SPECIAL_CATEGORY,
    RetentionRule,
    no_retention_needed,
    register,
)

RESPONSE_PERIOD = timedelta(days=3 * 365)
COMMENT_PERIOD = timedelta(days=365)
ROUTED_PERIOD = timedelta(days=365)
INVITATION_CONTACT_PERIOD = timedelta(days=7)

no_retention_needed("feedback.Borough", "A London borough (public reference data), not a person.")
no_retention_needed("feedback.Team", "Names a police team, not a person.")
no_retention_needed("feedback.Language", "Names a language, not a person.")
no_retention_needed("feedback.CrimeType", "Names a type of crime, not a person.")
no_retention_needed(
    "feedback.Integration", "Names a force system allowed to use the API, not a person."
)
no_retention_needed(
    "feedback.OfficerPosting",
    "Which team an officer works in: a work fact kept while their account exists, "
    "replaced when they move and deleted with the account.",
)
no_retention_needed(
    "feedback.FeedbackCode",
    "An officer's or team's opaque QR code: kept while the officer serves, deactivated "
    "when they leave and deleted with their account.",
)


def _comments_drop(queryset: QuerySet[Any]) -> int:
    from feedback.services import response_comment_drop_batch

    return response_comment_drop_batch(queryset)


def _contacts_clear(queryset: QuerySet[Any]) -> int:
    from feedback.services import invitation_contact_clear_batch

    return invitation_contact_clear_batch(queryset)


register(
    RetentionRule(
        key="feedback.responses",
        model="feedback.Response",
        category="Feedback responses",
        holds=(
            "Anonymous ratings of a contact with the police, the team, borough and officer "
            "it was about, the channel and language, and optional equality answers (age "
            "band, ethnic group, sex, disability)."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see=(
            "Analysts and police leads as suppressed aggregates; an officer sees only their "
            "own aggregated ratings once there are enough responses."
        ),
        clock="submitted_at",
        clock_text="when the feedback was given",
        period=RESPONSE_PERIOD,
        reason=(
            "Three years lets a year be compared with the two before it, to see whether "
            "training and processes changed how victims are treated."
        ),
    )
)

register(
    RetentionRule(
        key="feedback.comments",
        model="feedback.Response",
        category="Feedback comments",
        holds=(
            "What a person wrote in their own words, redacted before anyone but the "
            "moderation reviewer reads it. Encrypted at rest."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see=(
            "The moderation reviewer (original); analysts, the officer and the Victim Focus "
            "Desk (redacted)."
        ),
        clock="submitted_at",
        clock_text="when the feedback was given",
        period=COMMENT_PERIOD,
        action="anonymise",
        anonymiser=_comments_drop,
        filter=Q(comment__isnull=False),
        reason=(
            "A year is long enough to find themes and act on them; the ratings are kept "
            "without the words."
        ),
    )
)

register(
    RetentionRule(
        key="feedback.routed_comments",
        model="feedback.RoutedComment",
        category="Feedback routed to the Victim Focus Desk",
        holds=(
            "That a response's comment suggested a safeguarding risk or a complaint, whether "
            "it was handled, by whom and when."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see="The Victim Focus Desk.",
        clock="created_at",
        clock_text="when the comment was routed",
        period=ROUTED_PERIOD,
        reason=(
            "A year lets the desk show what it did with each routed comment; the comment "
            "itself goes with the response's rule."
        ),
    )
)

register(
    RetentionRule(
        key="feedback.invitation_contacts",
        model="feedback.Invitation",
        category="Phone numbers and email addresses of feedback invitations",
        holds="The phone number or email address an invitation is sent to. Encrypted at rest.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="Nobody: used only to send the invitation.",
        clock="created_at",
        clock_text="when the invitation was made",
        period=INVITATION_CONTACT_PERIOD,
        action="anonymise",
        anonymiser=_contacts_clear,
        filter=Q(contact__isnull=False),
        reason=(
            "Cleared as soon as the invitation is sent, and at most 7 days after it was "
            "made, as GOV.UK Notify keeps messages 7 days."
        ),
    )
)

# --- Invitations (feedback/services/invitations.py) ---
# Invitations themselves (once their contact is gone: team, officer, crime type, channel and
# dates, no victim's details) are kept as long as responses, for response rates per channel.
register(
    RetentionRule(
        key="feedback.invitations",
        model="feedback.Invitation",
        category="Feedback invitations (without contact details)",
        holds=(
            "That an invitation was sent by text message or email, for which team, officer "
            "and type of crime, when, and whether its link was used. The link's token is "
            "kept only as a hash."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Analysts and police leads, as suppressed response rates per channel.",
        clock="created_at",
        clock_text="when the invitation was made",
        period=RESPONSE_PERIOD,
        reason=(
            "As long as the responses they lead to, so that response rates can be compared "
            "over the same three years."
        ),
    )
)
