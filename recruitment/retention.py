"""Retention of applications (see privacy/retention.py and docs/retention.md).

Seed 001, "Your Data": if an application is unsuccessful, all its data is held for six
months and then deleted. Members' applications are kept until six months after their
forum tenure ends: that rule needs the tenure (forums issue) and is the staff side's to add.
"""

from datetime import timedelta

from django.db.models import Q

from privacy.retention import SPECIAL_CATEGORY, RetentionRule, no_retention_needed, register
from recruitment.models import Outcome

no_retention_needed("recruitment.Cohort", "Names a group a forum is for, not a person.")

register(
    RetentionRule(
        key="recruitment.unsuccessful_applications",
        model="recruitment.Application",
        category="Unsuccessful applications to join a forum",
        holds=(
            "An applicant's name, contact details, safe-contact preferences, access needs "
            "and equality monitoring answers (encrypted at rest), the forums applied to and "
            "the dates of each step."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see=(
            "Programme admins; for the disabled and LGBTQ+ forums, the partner organisation "
            "that runs the forum."
        ),
        clock="decided_at",
        clock_text="when the decision was made or the applicant withdrew",
        period=timedelta(days=183),
        filter=Q(outcome__in=[Outcome.NOT_ACCEPTED, Outcome.WITHDRAWN], decided_at__isnull=False),
        reason=(
            "The information sheet promises applicants that an unsuccessful application is "
            "deleted six months after the decision."
        ),
    )
)
