"""Retention of wellbeing records and members' deletion requests (privacy/retention.py)."""

from datetime import timedelta

from django.db.models import Q

from privacy.retention import PUBLIC_TASK, RetentionRule, no_retention_needed, register

no_retention_needed(
    "portal.CheckInRequest",
    "Deleted with the member's forum membership (and so with their application, six months "
    "after tenure ends).",
)
no_retention_needed(
    "portal.SupportFlag",
    "Deleted with the member's forum membership (and so with their application, six months "
    "after tenure ends).",
)

register(
    RetentionRule(
        key="portal.erasure_requests",
        model="portal.ErasureRequest",
        category="Requests from members to delete their data",
        holds="Which account asked for its data to be deleted, when, and who handled it.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="The data protection officer.",
        clock="handled_at",
        clock_text="when the request was handled",
        period=timedelta(days=365),
        filter=Q(handled_at__isnull=False),
        reason="A year is long enough to answer a question about how a request was handled.",
    )
)
