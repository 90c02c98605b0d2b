"""The engagement register's services, one module per feature (docs/architecture.md)."""

from engagement.services.booking import (
    booking_cancel,
    booking_details_record,
    booking_make,
    booking_remind_due,
    interview_consent_give,
    interview_consent_withdraw,
    slot_add,
    slot_remove,
)
from engagement.services.invitations import (
    invitation_accept,
    invitation_decline,
    invitation_remind_due,
    invitation_send,
    invitation_withdraw,
)
from engagement.services.material import (
    document_comment_add,
    material_add,
    material_open,
    material_remove,
)
from engagement.services.opportunities import (
    OpportunityIn,
    opportunity_close,
    opportunity_create,
    opportunity_open,
    opportunity_update,
)
from engagement.services.participants import (
    JoinAnswers,
    participant_code_send,
    participant_join,
    participant_join_from_forum,
    participant_verify,
)
from engagement.services.portal import (
    participant_erase_answers,
    participant_leave,
    participant_pause,
    participant_resume,
    participant_update,
)
from engagement.services.questions import (
    question_create,
    question_delete,
    question_move,
    question_update,
)
from engagement.services.requests import (
    opportunity_from_request,
    request_decide,
    request_resubmit,
    request_submit,
    request_withdraw,
)
from engagement.services.results import (
    opportunity_answers_anonymise,
    results_release,
    what_changed_record,
    what_changed_remind_due,
)
from engagement.services.selection import selection_replace, selection_run
from engagement.services.surveys import (
    survey_submit,
)
from engagement.services.terms import terms_on, terms_set

# Every feature adds the names other code needs to this one list.
__all__ = [
    "JoinAnswers",
    "participant_code_send",
    "participant_erase_answers",
    "participant_join",
    "participant_join_from_forum",
    "participant_leave",
    "participant_pause",
    "participant_resume",
    "participant_update",
    "participant_verify",
    "OpportunityIn",
    "booking_cancel",
    "booking_details_record",
    "booking_make",
    "booking_remind_due",
    "document_comment_add",
    "interview_consent_give",
    "interview_consent_withdraw",
    "invitation_accept",
    "invitation_decline",
    "invitation_remind_due",
    "invitation_send",
    "invitation_withdraw",
    "material_add",
    "material_open",
    "material_remove",
    "opportunity_close",
    "opportunity_create",
    "opportunity_open",
    "opportunity_update",
    "opportunity_from_request",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "request_decide",
    "request_resubmit",
    "request_submit",
    "request_withdraw",
    "selection_replace",
    "selection_run",
    "results_release",
    "slot_add",
    "slot_remove",
    "opportunity_answers_anonymise",
    "survey_submit",
    "terms_on",
    "terms_set",
    "what_changed_record",
    "what_changed_remind_due",
]
