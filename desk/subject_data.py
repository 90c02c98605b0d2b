"""Subject requests for the Victim Focus Desk (privacy/subjects.py, docs/desk.md §5).

A victim is found by the keyed hash of a safe phone number or email address (theirs or
their nominated person's): names are encrypted and cannot be searched. The export holds the
case, what was owed and when it was told, the contact log (its words redacted, as they may
name other people), needs assessments, agreements, referrals and the safe contact. Erasure
anonymises the victim (desk.services.privacy.victim_erase) unless a legal hold applies."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from desk.models import Victim
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
from redaction.engine import redact
from safecontact.subject_data import EXPORT_FIELDS as SAFE_CONTACT_FIELDS

not_subject_data(
    {
        "desk.timelimit": "A Victims' Code time limit (reference data); names only the staff "
        "member who set it, a work fact.",
        "desk.offencecategory": "Names a kind of offence (reference data), not a person.",
        "desk.enhancedground": "Names a ground for enhanced rights (reference data), not a person.",
        "desk.deskclosure": "A day the desk is closed; names only the staff member who set it.",
    }
)

VICTIM_FIELDS = [
    "victim_ref",
    "full_name",
    "date_of_birth",
    "postcode",
    "language",
    "interpreter_language",
    "sex",
    "ethnic_group",
    "nominee_name",
    "nominee_relationship",
    "feedback_opt_out",
    "created_at",
]


@register
class DeskProvider(Provider):
    name = "desk"
    title = gettext_lazy("Victim Focus Desk")
    models = (
        "desk.case",
        "desk.victim",
        "desk.victimground",
        "desk.needsassessment",
        "desk.contactagreement",
        "desk.caseevent",
        "desk.task",
        "desk.contactattempt",
        "desk.referral",
    )

    def _describe(self, victim: Victim) -> str:
        return _("A victim on a case the Victim Focus Desk holds (case %(case)s)") % {
            "case": victim.case_id
        }

    def find(self, query: SubjectQuery) -> list[Match]:
        digests = Q()
        person = None
        if query.email:
            digests |= Q(email_digest=contact_digest("email", query.email))
            person = Person(kind="email", value=query.email)
        if query.phone:
            digests |= Q(phone_digest=contact_digest("phone", query.phone))
            person = person or Person(kind="phone", value=query.phone)
        if person is None:
            return []
        from safecontact.models import SafeContact

        owners = SafeContact.objects.filter(digests).values_list("victim_id", "nominee_of_id")
        ids = {victim_id or nominee_id for victim_id, nominee_id in owners} - {None}
        victims = Victim.objects.filter(pk__in=ids, erased_at__isnull=True).order_by("pk")
        return [self.match(victim, self._describe(victim), person) for victim in victims]

    def export(self, match: Match) -> Section:
        victim: Any = match.get()
        if victim is None:
            return Section(match.description)
        case = victim.case
        fields = [
            (_("Crime reference"), text(case.crime_reference)),
            (_("Offence"), text(case.offence_category.name)),
            (_("Case status"), text(case.get_status_display())),
        ]
        fields += model_fields(victim, VICTIM_FIELDS)
        for ground in victim.grounds.select_related("ground"):
            fields.append((_("Enhanced rights"), text(ground.ground.name)))
        for assessment in victim.assessments.all():
            fields += model_fields(
                assessment, ["assessed_at", "needs", "referral_declined", "notes"]
            )
        for agreement in victim.agreements.all():
            fields += model_fields(
                agreement, ["agreed_at", "frequency", "every_days", "channel", "language"]
            )
        for task in victim.tasks.order_by("due_at"):
            fields += model_fields(task, ["obligation", "due_at", "status", "done_at"])
        for attempt in victim.contacts.all():
            fields += model_fields(attempt, ["at", "direction", "channel", "outcome"])
            fields.append((_("What was said"), text(redact(attempt.summary or "").redacted)))
        for referral in victim.referrals.select_related("service"):
            fields.append((_("Referred to"), text(referral.service.name)))
            fields += model_fields(referral, ["basis", "consent_at", "status", "sent_at"])
        from safecontact.models import SafeContact

        for contact in SafeContact.objects.filter(Q(victim=victim) | Q(nominee_of=victim)):
            fields += model_fields(contact, SAFE_CONTACT_FIELDS)
        return Section(match.description, fields)

    def erase(self, match: Match) -> Counts:
        from desk.services.privacy import victim_erase

        victim: Any = match.get()
        if victim is None or victim.erased_at is not None:
            return Counts()
        if is_held(victim) or is_held(victim.case):
            return Counts(held=1)
        victim_erase(actor=None, victim=victim)
        return Counts(erased=1)
