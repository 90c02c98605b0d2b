"""Retention of monthly reports (privacy/retention.py, docs/reports.md).

A report holds no personal data: it is an anonymised snapshot (released, redacted text of
feedback points; suppressed counts; recommendations and police responses, which are the
forum's and the police's words). The only people linked are the staff who generated and
released it. It is the record of what the police were told, kept six years like the
recommendations it reports on (insights.recommendations) and the audit log.
"""

from datetime import timedelta

from privacy.retention import PUBLIC_TASK, RetentionRule, register

register(
    RetentionRule(
        key="reports.monthly_reports",
        model="reports.MonthlyReport",
        category="Monthly reports to the police (anonymised)",
        holds=(
            "The anonymised report of a month of the feedback loop, as HTML and PDF, and "
            "which staff generated and released it. No member's data."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team; police leads once it is released.",
        clock="created_at",
        clock_text="when the report was first generated",
        period=timedelta(days=6 * 365),
        reason=(
            "The record of what the police were told, kept as long as the recommendations "
            "it reports on (insights.recommendations) and the audit log."
        ),
    )
)
