"""The engagement register's tables, one module per feature (docs/architecture.md)."""

from engagement.models.invitations import Invitation, InvitationStatus, Selection
from engagement.models.opportunities import (
    Booking,
    BookingStatus,
    DocumentComment,
    InterviewConsent,
    Kind,
    Material,
    MaterialGrant,
    MaterialKind,
    Opportunity,
    OpportunityStatus,
    PartnerRequest,
    RequestStatus,
    Sensitivity,
    Slot,
    SlotMode,
    Terms,
)
from engagement.models.participants import Format, JoinedBy, Participant, ParticipantStatus
from engagement.models.surveys import QuestionKind, SurveyAnswer, SurveyQuestion, SurveyResponse

__all__ = [
    "Booking",
    "BookingStatus",
    "DocumentComment",
    "Format",
    "InterviewConsent",
    "Invitation",
    "InvitationStatus",
    "JoinedBy",
    "Kind",
    "Material",
    "MaterialGrant",
    "MaterialKind",
    "Opportunity",
    "OpportunityStatus",
    "Participant",
    "ParticipantStatus",
    "PartnerRequest",
    "QuestionKind",
    "RequestStatus",
    "Selection",
    "Sensitivity",
    "Slot",
    "SlotMode",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "Terms",
]
