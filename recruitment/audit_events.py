"""The audit events of recruitment: an application's steps, the police check, the panel and
membership (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import Legacy, registry

events = registry.app("recruitment", _("Recruitment"))

STAGE = ["stage", "stage_changed_at"]
ONBOARDING = ["onboarding.held_on", "onboarding.outcome", "onboarding.support_needs"]
PNC_RESULT = ["pnc_check.result", "pnc_check.result_received_on", "pnc_check.disclosure_detail"]

SCREENING_STARTED = events.add(
    "recruitment.screening_started",
    _("Started screening an application"),
    fields=STAGE,
    was=["stage: screening"],
)
ONBOARDING_INVITED = events.add(
    "recruitment.onboarding_invited",
    _("Invited an applicant to an onboarding conversation"),
    fields=STAGE,
    was=["stage: onboarding"],
)
ONBOARDING_RECORDED = events.add(
    "recruitment.onboarding_recorded",
    _("Recorded an onboarding conversation"),
    fields=[*STAGE, "outcome", "decided_at", *ONBOARDING, "get_back_in_touch_on"],
    was=["stage: vetting", "outcome: deferred", "outcome: not suitable now"],
)
APPLICATION_REOPENED = events.add(
    "recruitment.application_reopened",
    _("Reopened a deferred application"),
    fields=[*STAGE, "outcome", "get_back_in_touch_on"],
    was=["reopened: onboarding"],
)
PNC_CHECK_REQUESTED = events.add(
    "recruitment.pnc_check_requested",
    _("Asked for a police check"),
    fields=["pnc_check.requested_on"],
    was=["PNC check requested"],
)
PNC_RESULT_RECORDED = events.add(
    "recruitment.pnc_result_recorded",
    _("Recorded the result of a police check"),
    fields=[*PNC_RESULT, *STAGE],
    was=["PNC result recorded", "stage: panel"],
)
PANEL_VIEW_RECORDED = events.add(
    "recruitment.panel_view_recorded",
    _("Recorded a panel member's view"),
    fields=["panel_view.conflict_of_interest", "panel_view.vote"],
    was=["panel: *"],
)
APPLICATION_DECIDED = events.add(
    "recruitment.application_decided",
    _("Recorded the decision on an application"),
    fields=[
        *STAGE,
        "outcome",
        "decided_at",
        "vetting_result.completed_on",
        "vetting_result.outcome",
    ],
    was=["stage: decided"],
)
# Before this event, the deletion was written as "retention_purged" with a note beginning
# with the rule's name (recruitment.services.vetting.PNC_DELETION_RULE).
PNC_CHECK_DELETED = events.add(
    "recruitment.pnc_check_deleted",
    _("Deleted a police check when its application was decided or withdrawn"),
    fields=["pnc_check"],
    was=[Legacy("retention_purged", "pnc_deleted_at_decision:", prefix=True)],
)
APPLICATION_WITHDRAWN = events.add(
    "recruitment.application_withdrawn",
    _("Withdrew an application"),
    fields=["outcome", "decided_at", "withdraw_token_hash"],
    was=["outcome: withdrawn*"],
)
MEMBER_ONBOARDED = events.add(
    "recruitment.member_onboarded",
    _("Made an applicant a member"),
    fields=[*STAGE, "user", "membership.tenure_ends_on"],
    was=["stage: onboarded"],
)
TENURE_CHANGED = events.add(
    "recruitment.tenure_changed",
    _("Changed when a member's tenure ends"),
    fields=["membership.tenure_ends_on"],
    was=["tenure changed"],
)
