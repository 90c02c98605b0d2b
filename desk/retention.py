"""Retention of the Victim Focus Desk's records (privacy/retention.py, docs/desk.md §5).

A case, with everything about it (its victims, their grounds, needs assessments, contact
agreements and safe contacts, the events, tasks, contact log and referrals), is kept for a
set period after the case closes: DESK_CASE_RETENTION_DAYS, six years by default, the
Limitation Act 1980's period for a claim or complaint about how the victim was treated,
then deleted. The record of requests from the crime recording system (kept so that a retry
gets the same answer) goes after 90 days."""

from datetime import timedelta

from django.db.models import Q

from privacy.retention import (
    CRIMINAL_OFFENCE,
    PUBLIC_TASK,
    RetentionRule,
    no_retention_needed,
    register,
)

RECEIVED_EVENT_PERIOD = timedelta(days=90)

for label, reason in {
    "desk.TimeLimit": "A Victims' Code time limit (reference data), not a person.",
    "desk.OffenceCategory": "Names a kind of offence (reference data), not a person.",
    "desk.EnhancedGround": "Names a ground for enhanced rights (reference data), not a person.",
    "desk.ConsentWording": "The words read out before a referral (reference data).",
    "desk.DeskClosure": "A day the desk is closed, not a person.",
    "desk.ComplianceRollup": "Counts of tasks per month, rebuilt every night: no person.",
    "desk.ComplianceRollupBuild": "When the compliance counts were last built: no person.",
    "desk.Victim": "Deleted with its case (rule desk.cases).",
    "desk.VictimGround": "Deleted with its victim's case (rule desk.cases).",
    "desk.NeedsAssessment": "Deleted with its victim's case (rule desk.cases).",
    "desk.ContactAgreement": "Deleted with its victim's case (rule desk.cases).",
    "desk.CaseEvent": "Deleted with its case (rule desk.cases).",
    "desk.ContactAttempt": "Deleted with its victim's case (rule desk.cases).",
    "desk.Referral": "Deleted with its victim's case (rule desk.cases).",
    "desk.Task": (
        "Deleted with its case (rule desk.cases), or with the routed feedback comment it "
        "was made for (rule feedback.routed_comments)."
    ),
}.items():
    no_retention_needed(label, reason)

register(
    RetentionRule(
        key="desk.cases",
        model="desk.Case",
        category="Victim Focus Desk cases",
        holds=(
            "A crime reference, the kind of offence, the team and officer; each victim's name, "
            "date of birth, postcode, language, grounds for enhanced rights, nominated person, "
            "safe contact details, needs, what they agreed about updates, the updates owed and "
            "given, the contact log and referrals. Identity and contact details are encrypted."
        ),
        lawful_basis=CRIMINAL_OFFENCE,
        who_may_see="The Victim Focus Desk's agents and supervisors.",
        clock="closed_at",
        clock_text="when the case was closed",
        period="DESK_CASE_RETENTION_DAYS",
        filter=Q(closed_at__isnull=False),
        reason=(
            "Six years after the case closes by default: the Limitation Act 1980's period for "
            "a claim or complaint about how the victim was kept informed, and the Victims and "
            "Prisoners Act 2024's review of Code compliance needs the record until then."
        ),
    )
)

register(
    RetentionRule(
        key="desk.received_events",
        model="desk.ReceivedEvent",
        category="Requests from the crime recording system",
        holds=(
            "The source system's id for each request, a hash of its content and the ids we "
            "answered with: no names or crime references."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Nobody: used only to answer a repeated request the same way.",
        clock="received_at",
        clock_text="when the request arrived",
        period=RECEIVED_EVENT_PERIOD,
        reason="A source system retries within days; 90 days is ample.",
    )
)
