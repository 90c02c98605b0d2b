"""Retention of feedback about the website (see privacy/retention.py)."""

from datetime import timedelta

from privacy.retention import PUBLIC_TASK, RetentionRule, register

register(
    RetentionRule(
        key="pages.service_feedback",
        model="pages.ServiceFeedback",
        category="Feedback about the website",
        holds=(
            "How satisfied someone was with the website and their comments. No name or "
            "contact details are asked for, but a comment may still name someone."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Programme admins.",
        clock="created_at",
        clock_text="when the feedback was sent",
        period=timedelta(days=365),
        reason=(
            "A year lets us compare the website with the same time last year; after that "
            "the comments have been acted on."
        ),
    )
)
