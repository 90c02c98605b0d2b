"""Retention of applications (see privacy/retention.py and docs/retention.md).

Seed 001, "Your Data": if an application is unsuccessful, all its data is held for six
months and then deleted. An application the applicant withdrew (with the link in their
receipt, or by asking the programme team) is deleted WITHDRAWN_DAYS after the withdrawal.
Members' applications are kept until six months after their tenure ends
(Membership.tenure_ends_on, set at onboarding: two years unless the programme team sets
another date; a place in a forum keeps it at the forum's tenure end, or the day they left:
forums/services/forums.py). Deferred applications are kept until six months after the date
to get back in touch, unless reopened.

The PNC check and the panel's views are not kept for any period: they are deleted in the
same transaction as the decision (recruitment.services.vetting; docs/vetting.md), and
each deletion leaves a RetentionReceipt under the rule "pnc_deleted_at_decision".
"""

from datetime import timedelta

from django.db.models import DateTimeField, Q
from django.db.models.functions import Cast

from privacy.retention import (
    SPECIAL_CATEGORY,
    RetentionRule,
    no_retention_needed,
    register,
)
from recruitment.models import Outcome, Stage

# The applicant asked us to stop: 30 days leaves time to answer a question about it (or a
# withdrawal someone else made with their messages), then nothing is kept.
WITHDRAWN_DAYS = 30

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
        clock_text="when the decision was made",
        period=timedelta(days=183),
        filter=Q(outcome=Outcome.NOT_ACCEPTED, decided_at__isnull=False),
        reason=(
            "The information sheet promises applicants that an unsuccessful application is "
            "deleted six months after the decision."
        ),
    )
)

register(
    RetentionRule(
        key="recruitment.withdrawn_applications",
        model="recruitment.Application",
        category="Withdrawn applications to join a forum",
        holds="As for unsuccessful applications.",
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see="Programme admins; for the disabled and LGBTQ+ forums, the partner.",
        clock="decided_at",
        clock_text="when the applicant withdrew",
        period=timedelta(days=WITHDRAWN_DAYS),
        filter=Q(outcome=Outcome.WITHDRAWN, decided_at__isnull=False),
        reason=(
            "The applicant asked us to stop. The application is kept only long enough to "
            "answer a question about the withdrawal (or one someone else made in their "
            "name), then deleted."
        ),
    )
)


def _tenure_end() -> Cast:
    return Cast("membership__tenure_ends_on", output_field=DateTimeField())


def _get_back_in_touch() -> Cast:
    return Cast("get_back_in_touch_on", output_field=DateTimeField())


register(
    RetentionRule(
        key="recruitment.members_applications",
        model="recruitment.Application",
        category="Applications of forum members",
        holds=(
            "A member's application (as for unsuccessful applications), their onboarding "
            "conversation's support needs, the date vetting was completed and its outcome, "
            "and their membership dates."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see="Programme admins; for the disabled and LGBTQ+ forums, the partner.",
        clock=_tenure_end,
        clock_text="when their forum tenure ends",
        period=timedelta(days=183),
        filter=Q(stage=Stage.ONBOARDED, membership__tenure_ends_on__isnull=False),
        reason=(
            "The information sheet promises members that their data is kept until six "
            "months after their forum tenure is complete."
        ),
    )
)

register(
    RetentionRule(
        key="recruitment.deferred_applications",
        model="recruitment.Application",
        category="Deferred applications to join a forum",
        holds="As for unsuccessful applications, with the date to get back in touch.",
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see="Programme admins; for the disabled and LGBTQ+ forums, the partner.",
        clock=_get_back_in_touch,
        clock_text="the date to get back in touch",
        period=timedelta(days=183),
        filter=Q(outcome=Outcome.DEFERRED, get_back_in_touch_on__isnull=False),
        reason=(
            "Deferring is not a rejection: the application is kept so the programme team "
            "can get back in touch, and deleted six months after that date if it was not "
            "reopened, as an unsuccessful one would be."
        ),
    )
)

_GOES_WITH = "Deleted with its application (foreign key, cascade); the application's rules apply."
no_retention_needed("recruitment.OnboardingConversation", _GOES_WITH)
no_retention_needed("recruitment.Membership", _GOES_WITH)
no_retention_needed("recruitment.VettingResult", _GOES_WITH)
no_retention_needed(
    "recruitment.PncCheck",
    "Deleted in the same transaction as the decision (or the withdrawal), never kept "
    "for a period; each deletion writes a receipt (pnc_deleted_at_decision).",
)
no_retention_needed(
    "recruitment.PanelView",
    "Deleted in the same transaction as the panel's decision, with the PNC check.",
)
