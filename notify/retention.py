"""Retention of messages (see privacy/retention.py and docs/retention.md)."""

from privacy.retention import PUBLIC_TASK, RetentionRule, register

register(
    RetentionRule(
        key="notify.messages",
        model="notify.Message",
        category="Emails and text messages sent",
        holds=(
            "Each email and text message the service sent: the recipient's email address "
            "or phone number, the subject and the text (sign-in codes, invitations), "
            "encrypted at rest."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Programme admins, in the outbox (each reading is audited).",
        clock="created_at",
        clock_text="when the message was created",
        period="NOTIFY_MESSAGE_RETENTION_DAYS",
        reason="GOV.UK Notify keeps messages 7 days; we keep them no longer.",
    )
)
