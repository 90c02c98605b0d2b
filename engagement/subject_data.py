"""Subject requests for the engagement register (privacy/subjects.py, docs/engagement.md
"Keeping and deleting").

A participant is found by the keyed hash of their email address or phone number (their own
or their safe ones), or by their account. The export holds everything they gave (name,
contact, safe contact, the optional answers), their invitations and answers to them,
bookings, consent to be recorded and the survey answers they chose to link to their name.
Erasure deletes the participant (with all of that), unless a legal hold applies; anonymous
survey answers cannot be found and are not theirs to erase."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagement.models import Participant
from privacy.holds import is_held
from privacy.subjects import (
    Counts,
    Match,
    Person,
    Provider,
    Section,
    SubjectQuery,
    model_fields,
    not_subject_data,
    register,
    text,
)
from recruitment.models import contact_digest
from safecontact.subject_data import EXPORT_FIELDS as SAFE_CONTACT_FIELDS

not_subject_data(
    {
        "engagement.terms": "The Terms of Reference (settings as data); names only the staff "
        "member who set them, a work fact.",
        "engagement.opportunity": "What an opportunity asks and its results (anonymous); names "
        "only the staff and partner staff who worked on it, a work fact.",
        "engagement.partnerrequest": "A partner agency's request; names only the partner's "
        "staff member who sent it and the staff who decided it, a work fact.",
        "engagement.slot": "A time and place to take part; no participant in it.",
        "engagement.material": "A document or video for review, uploaded by staff.",
        "engagement.selection": "A lottery's seed, quotas and invitation ids: no names.",
        "engagement.surveyquestion": "A question written by staff.",
        "engagement.documentcomment": "A comment's words are redacted text (redaction's "
        "provider); the comment is linked to an invitation only, deleted with it.",
        "engagement.surveyanswer": "Exported with its response when linked to a person; an "
        "anonymous answer cannot be traced to anyone.",
    }
)

PARTICIPANT_FIELDS = [
    "full_name",
    "email",
    "phone",
    "language",
    "status",
    "joined_by",
    "joined_at",
    "consented_at",
    "consent_version",
    "area",
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "sexual_orientation",
    "disability",
    "access_needs",
    "crime_kinds",
    "languages",
    "formats",
    "paused_at",
    "left_at",
    "last_active_at",
]


@register
class EngagementProvider(Provider):
    name = "engagement"
    title = gettext_lazy("Engagement register")
    models = (
        "engagement.participant",
        "engagement.invitation",
        "engagement.booking",
        "engagement.interviewconsent",
        "engagement.materialgrant",
        "engagement.surveyresponse",
    )
    order = 50

    def _describe(self, participant: Participant) -> str:
        return _("A place on the engagement register (participant %(id)s)") % {"id": participant.pk}

    def find(self, query: SubjectQuery) -> list[Match]:
        own, safe, person = Q(), Q(), None
        if query.email:
            digest = contact_digest("email", query.email)
            own |= Q(email_digest=digest)
            safe |= Q(email_digest=digest)
            person = Person(kind="email", value=query.email)
        if query.phone:
            digest = contact_digest("phone", query.phone)
            own |= Q(phone_digest=digest)
            safe |= Q(phone_digest=digest)
            person = person or Person(kind="phone", value=query.phone)
        if person is None:
            return []
        from safecontact.models import SafeContact

        via_safe = SafeContact.objects.filter(safe, participant__isnull=False).values(
            "participant_id"
        )
        people = Participant.objects.filter(own | Q(pk__in=via_safe)).order_by("pk")
        return [self.match(p, self._describe(p), person) for p in people]

    def for_user(self, user: Any) -> list[Match]:
        people = Participant.objects.filter(user=user).order_by("pk")
        person = Person(kind="account", value=str(user.pk))
        return [self.match(p, self._describe(p), person) for p in people]

    def export(self, match: Match) -> Section:
        participant: Any = match.get()
        if participant is None:
            return Section(match.description)
        fields = model_fields(participant, PARTICIPANT_FIELDS)
        from safecontact.models import SafeContact

        for contact in SafeContact.objects.filter(participant=participant):
            fields += model_fields(contact, SAFE_CONTACT_FIELDS)
        invitations = participant.invitations.select_related("opportunity").order_by("invited_at")
        for invitation in invitations:
            fields.append((_("Invited to"), text(invitation.opportunity.title)))
            fields += model_fields(
                invitation, ["invited_at", "channel", "status", "responded_at", "took_part_at"]
            )
            for booking in invitation.bookings.select_related("slot"):
                fields.append((_("Booked for"), text(booking.slot.starts_at)))
                fields += model_fields(booking, ["status", "details"])
            consent = getattr(invitation, "interview_consent", None)
            if consent is not None:
                fields += model_fields(
                    consent,
                    ["used_for", "who_sees", "withdraw_until", "consented_at", "withdrawn_at"],
                )
        for response in participant.survey_responses.select_related("opportunity"):
            fields.append((_("Survey answered"), text(response.opportunity.title)))
            for answer in response.answers.select_related("question", "text"):
                value: Any = answer.rating if answer.rating is not None else answer.values
                if answer.text is not None:
                    value = answer.text.original
                fields.append((text(answer.question.text), text(value)))
        return Section(match.description, fields)

    def erase(self, match: Match) -> Counts:
        participant: Any = match.get()
        if participant is None:
            return Counts()
        if is_held(participant):
            return Counts(held=1)
        participant.survey_responses.update(participant=None)
        return self.delete_unless_held(match)
