"""Recruitment's models. Django finds them here; each is defined in the module of its
feature: the application and the cohorts it is for (application.py), and what the
programme team and the vetting panel record about it (vetting.py, docs/vetting.md)."""

from recruitment.models.application import (
    EQUALITY_FIELDS,
    REFERENCE_ALPHABET,
    REFERENCE_PREFIX,
    Application,
    ApplicationQuerySet,
    Cohort,
    Outcome,
    Stage,
    contact_digest,
    reference_generate,
)
from recruitment.models.vetting import (
    Membership,
    OnboardingConversation,
    PanelView,
    PanelVote,
    PncCheck,
    PncResult,
    Readiness,
    VettingOutcome,
    VettingResult,
)

__all__ = [
    "EQUALITY_FIELDS",
    "REFERENCE_ALPHABET",
    "REFERENCE_PREFIX",
    "Application",
    "ApplicationQuerySet",
    "Cohort",
    "Membership",
    "OnboardingConversation",
    "Outcome",
    "PanelView",
    "PanelVote",
    "PncCheck",
    "PncResult",
    "Readiness",
    "Stage",
    "VettingOutcome",
    "VettingResult",
    "contact_digest",
    "reference_generate",
]
