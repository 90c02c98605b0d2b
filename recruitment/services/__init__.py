"""Recruitment's writes, one module per feature: the public side (public.py: sending an
application, its receipt and the link to withdraw), screening and the onboarding
conversation (onboarding.py), the police check (vetting.py), the vetting panel
(panel.py), membership (membership.py) and withdrawing (withdrawal.py); what they share
is in common.py. Callers import services from here: `from recruitment import services`.
See docs/recruitment.md and docs/vetting.md."""

from recruitment.services.common import applicant_tell, sms_number
from recruitment.services.membership import (
    TENURE_YEARS,
    application_onboard,
    membership_tenure_set,
)
from recruitment.services.onboarding import (
    application_onboarding_invite,
    application_reopen,
    application_screening_start,
    onboarding_record,
)
from recruitment.services.panel import (
    panel_decision_record,
    panel_majority,
    panel_view_record,
)
from recruitment.services.public import (
    ApplicationAnswers,
    application_received_send,
    application_submit,
    withdraw_link,
    withdraw_token_hash,
    withdraw_token_make,
)
from recruitment.services.vetting import (
    PNC_DELETION_CATEGORY,
    PNC_DELETION_RULE,
    pnc_check_request,
    pnc_result_record,
)
from recruitment.services.withdrawal import (
    application_withdraw,
    application_withdraw_by_applicant,
)

__all__ = [
    "PNC_DELETION_CATEGORY",
    "PNC_DELETION_RULE",
    "TENURE_YEARS",
    "ApplicationAnswers",
    "applicant_tell",
    "application_onboard",
    "application_onboarding_invite",
    "application_received_send",
    "application_reopen",
    "application_screening_start",
    "application_submit",
    "application_withdraw",
    "application_withdraw_by_applicant",
    "membership_tenure_set",
    "onboarding_record",
    "panel_decision_record",
    "panel_majority",
    "panel_view_record",
    "pnc_check_request",
    "pnc_result_record",
    "sms_number",
    "withdraw_link",
    "withdraw_token_hash",
    "withdraw_token_make",
]
