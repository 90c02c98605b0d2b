"""The audit events of the engagement register (privacy/audit_events.py). The fields are
names only, never values; each feature's services write its own events."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("engagement", _("Engagement register"))

# Joining, changing and leaving (services/participants.py) ---------------------------
PARTICIPANT_FIELDS = [
    "full_name",
    "email",
    "phone",
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "sexual_orientation",
    "disability",
    "area",
    "crime_kinds",
    "languages",
    "formats",
    "access_needs",
]
PARTICIPANT_SIGNED_UP = events.add(
    "engagement.participant_signed_up",
    _("Signed up to the register (the code not yet confirmed)"),
    fields=[*PARTICIPANT_FIELDS, "language", "consent_version", "consented_at", "safe_contact"],
)
PARTICIPANT_CODE_SENT = events.add(
    "engagement.participant_code_sent",
    _("Sent a code to confirm a way of contacting a participant"),
    fields=["code_digest", "code_sent_at", "code_attempts"],
)
PARTICIPANT_VERIFIED = events.add(
    "engagement.participant_verified",
    _("Confirmed the code and joined the register"),
    fields=["status", "verified_at", "joined_at", "user"],
)
PARTICIPANT_ALREADY_TOLD = events.add(
    "engagement.participant_already_told",
    _("Told a participant that their details were used to sign up again"),
)
UNCONFIRMED_REPLACED = events.add(
    "engagement.unconfirmed_sign_up_replaced",
    _("Deleted an unconfirmed sign-up replaced by a new one with the same details"),
)
PARTICIPANT_JOINED_FROM_FORUM = events.add(
    "engagement.participant_joined_from_forum",
    _("Joined the register from the member portal"),
    fields=[
        *PARTICIPANT_FIELDS,
        "status",
        "user",
        "consent_version",
        "consented_at",
        "safe_contact",
    ],
)
PARTICIPANT_CHANGED = events.add(
    "engagement.participant_changed",
    _("Changed a participant's details on the register"),
    fields=PARTICIPANT_FIELDS,
)
PARTICIPANT_ANSWERS_ERASED = events.add(
    "engagement.participant_answers_erased",
    _("Deleted a participant's optional answers"),
    fields=PARTICIPANT_FIELDS,
)
PARTICIPANT_PAUSED = events.add(
    "engagement.participant_paused",
    _("Paused a place on the register"),
    fields=["status", "paused_at"],
)
PARTICIPANT_RESUMED = events.add(
    "engagement.participant_resumed",
    _("Came back to the register after a pause"),
    fields=["status", "paused_at"],
)
PARTICIPANT_LEFT = events.add(
    "engagement.participant_left",
    _("Left the register"),
    fields=["status", "left_at", "user"],
)

# Partner requests and the Terms of Reference (services/requests.py, services/terms.py) ---

TERMS_SET = events.add(
    "engagement.terms_set",
    _("Set the Terms of Reference from a date"),
    fields=[
        "effective_from",
        "min_notice_working_days",
        "decision_working_days",
        "invite_cap",
        "cap_days",
        "response_days",
    ],
)
REQUEST_FIELDS = [
    "title",
    "what_to_learn",
    "kind",
    "people_wanted",
    "starts_on",
    "ends_on",
    "material_description",
    "material",
]
REQUEST_SUBMITTED = events.add(
    "engagement.request_submitted",
    _("Sent a request to hear from the register"),
    fields=[*REQUEST_FIELDS, "status", "terms", "decide_by"],
)
REQUEST_RESUBMITTED = events.add(
    "engagement.request_resubmitted",
    _("Changed a request and sent it again"),
    fields=[*REQUEST_FIELDS, "status", "terms", "decide_by"],
)
REQUEST_WITHDRAWN = events.add(
    "engagement.request_withdrawn", _("Withdrew a request"), fields=["status"]
)
REQUEST_DECIDED = events.add(
    "engagement.request_decided",
    _("Decided on a partner's request"),
    fields=["status", "decision_reason", "opportunity"],
)
OPPORTUNITY_FROM_REQUEST = events.add(
    "engagement.opportunity_from_request",
    _("Made a draft opportunity from an approved request"),
    fields=[
        "request",
        "kind",
        "title",
        "asked_by",
        "places",
        "opens_at",
        "closes_at",
        "purpose",
        "involves",
        "duration_minutes",
    ],
)

# Opportunities and invitations (services/opportunities.py, services/invitations.py) ---

OPPORTUNITY_FIELDS = [
    "kind",
    "sensitivity",
    "asked_by",
    "title",
    "title_cy",
    "purpose",
    "purpose_cy",
    "involves",
    "involves_cy",
    "duration_minutes",
    "content_notes",
    "content_notes_cy",
    "recognition",
    "payment_pence",
    "areas",
    "crime_kinds",
    "age_bands",
    "languages",
    "formats",
    "places",
    "reserves",
    "opens_at",
    "closes_at",
    "recording_used_for",
    "recording_seen_by",
    "withdraw_until",
]
OPPORTUNITY_CREATED = events.add(
    "engagement.opportunity_created",
    _("Created an engagement opportunity"),
    fields=OPPORTUNITY_FIELDS,
)
OPPORTUNITY_CHANGED = events.add(
    "engagement.opportunity_changed",
    _("Changed an engagement opportunity"),
    fields=OPPORTUNITY_FIELDS,
)
OPPORTUNITY_OPENED = events.add(
    "engagement.opportunity_opened", _("Opened an engagement opportunity"), fields=["status"]
)
OPPORTUNITY_CLOSED = events.add(
    "engagement.opportunity_closed",
    _("Closed an engagement opportunity"),
    fields=["status", "closed_at"],
)
# One event per sending, on the opportunity (its note says how many went and how many could
# not be contacted safely then): each invitation is its own row, with its channel and message.
INVITATIONS_SENT = events.add(
    "engagement.invitations_sent",
    _("Invited participants to an opportunity"),
    fields=["invitations"],
)
INVITATIONS_REMINDED = events.add(
    "engagement.invitations_reminded",
    _("Reminded participants of an invitation"),
    fields=["reminded_at", "token_digest"],
)
INVITATION_ACCEPTED = events.add(
    "engagement.invitation_accepted",
    _("Said yes to an invitation"),
    fields=["status", "responded_at"],
)
INVITATION_DECLINED = events.add(
    "engagement.invitation_declined",
    _("Said no to an invitation"),
    fields=["status", "responded_at"],
)
INVITATION_WITHDRAWN = events.add(
    "engagement.invitation_withdrawn",
    _("Withdrew from an opportunity"),
    fields=["status", "withdrawn_at"],
)

# Surveys and results (services/surveys.py, services/results.py) ----------------------

QUESTION_FIELDS = [
    "kind",
    "text",
    "text_cy",
    "hint",
    "hint_cy",
    "choices",
    "scale",
    "required",
    "show_if",
    "show_if_values",
]
QUESTION_ADDED = events.add(
    "engagement.question_added",
    _("Added a question to a survey"),
    fields=["opportunity", "key", "order", *QUESTION_FIELDS],
)
QUESTION_CHANGED = events.add(
    "engagement.question_changed", _("Changed a survey question"), fields=QUESTION_FIELDS
)
QUESTION_REMOVED = events.add(
    "engagement.question_removed", _("Removed a question from a survey"), fields=["opportunity"]
)
QUESTION_MOVED = events.add(
    "engagement.question_moved", _("Moved a survey question"), fields=["order"]
)
SURVEY_ANSWERED = events.add(
    "engagement.survey_answered",
    _("Answered a survey"),
    fields=["answers", "linked", "answered_at", "status", "took_part_at"],
)
RESULTS_RELEASED = events.add(
    "engagement.results_released",
    _("Released an opportunity's results to the partner"),
    fields=["results_released_at", "results_released_by", "status", "change_due_on"],
)
WHAT_CHANGED_RECORDED = events.add(
    "engagement.what_changed_recorded",
    _("Said what changed because of an opportunity"),
    fields=["what_changed", "what_changed_cy", "what_changed_at", "what_changed_by"],
)
WHAT_CHANGED_REMINDED = events.add(
    "engagement.what_changed_reminded",
    _("Reminded a partner to say what they changed"),
    fields=["change_reminded_at"],
)
ANSWERS_ANONYMISED = events.add(
    "engagement.answers_anonymised",
    _("Unlinked an opportunity's answers from the people who gave them"),
    fields=["anonymised_at", "participant", "invitation"],
)

# Fair selection (services/selection.py) ----------------------------------------------
# On the opportunity; the note carries the seed (not personal data) and the counts, so that
# anyone reading the log can draw it again (engagement:selection's check).
SELECTION_RUN = events.add(
    "engagement.selection_run",
    _("Drew who takes part, by a fair selection lottery"),
    fields=[
        "seed",
        "algorithm",
        "quotas",
        "pool",
        "chosen",
        "reserves",
        "inputs_digest",
        "status",
        "reserve_rank",
    ],
)
SELECTION_NOT_NEEDED = events.add(
    "engagement.selection_not_needed",
    _("Gave a place to everyone who said yes (no draw needed)"),
    fields=["pool", "chosen", "status"],
)
SELECTION_REPLACED = events.add(
    "engagement.selection_replaced",
    _("Offered a free place to the next reserve"),
    fields=["status"],
)

# Material, slots and bookings (services/material.py, services/booking.py) -------------

MATERIAL_ADDED = events.add(
    "engagement.material_added",
    _("Added a document or video to an opportunity"),
    fields=["title", "kind", "file", "content_type", "internal_only", "sections"],
)
MATERIAL_REMOVED = events.add(
    "engagement.material_removed",
    _("Removed a document or video from an opportunity"),
    fields=["material", "grants"],
)
# A participant opened material (the page, or its file from the first byte). The object is
# the invitation; the note names the material and the part, never anything they wrote.
MATERIAL_VIEWED = events.add(
    "engagement.material_viewed",
    _("Viewed a document or video for a review"),
    fields=["material", "part", "grant"],
)
MATERIAL_PREVIEWED = events.add(
    "engagement.material_previewed",
    _("Previewed a document or video as the programme team"),
    fields=["material"],
)
DOCUMENT_COMMENTED = events.add(
    "engagement.document_commented",
    _("Commented on a section of a document"),
    fields=["material", "section", "text"],
)
SLOT_ADDED = events.add(
    "engagement.slot_added",
    _("Added a time to take part"),
    fields=["starts_at", "ends_at", "mode", "capacity", "where"],
)
SLOT_REMOVED = events.add(
    "engagement.slot_removed", _("Removed a time to take part"), fields=["slot"]
)
BOOKING_MADE = events.add(
    "engagement.booking_made",
    _("Booked a time to take part, or joined its waiting list"),
    fields=["slot", "status", "confirmed_at", "told"],
)
BOOKING_CANCELLED = events.add(
    "engagement.booking_cancelled", _("Cancelled a booking"), fields=["status", "reason"]
)
PLACE_OFFERED = events.add(
    "engagement.place_offered",
    _("Gave a place to the first person on a waiting list"),
    fields=["status", "confirmed_at", "told"],
)
BOOKING_DETAILS_RECORDED = events.add(
    "engagement.booking_details_recorded",
    _("Recorded the details for a confirmed booking"),
    fields=["details"],
)
BOOKING_REMINDED = events.add(
    "engagement.booking_reminded", _("Sent a reminder of a booking"), fields=["reminded_at"]
)
INTERVIEW_CONSENT_GIVEN = events.add(
    "engagement.interview_consent_given",
    _("Agreed to be recorded for training material"),
    fields=["used_for", "who_sees", "withdraw_until", "consented_at", "withdrawn_at"],
)
INTERVIEW_CONSENT_WITHDRAWN = events.add(
    "engagement.interview_consent_withdrawn",
    _("Withdrew consent to be recorded for training material"),
    fields=["withdrawn_at", "bookings"],
)

# Asking inactive participants whether to stay (services/housekeeping.py) --------------
STAY_ASKED = events.add(
    "engagement.stay_asked",
    _("Asked an inactive participant whether to stay on the register"),
    fields=["stay_asked_at"],
)
STAY_ANSWERED = events.add(
    "engagement.stay_answered",
    _("A participant answered whether to stay on the register"),
    fields=["status", "last_active_at", "left_at"],
)
STAY_LAPSED = events.add(
    "engagement.stay_lapsed",
    _("Took a participant off the register who did not say whether to stay"),
    fields=["status", "left_at"],
)
