"""Subject requests for applications to join a forum.

Applications are found by the keyed digest of their email address or phone number (no
row is decrypted to search), or through the member account made at onboarding. Names are
encrypted, so they cannot be searched; the DPO searches by email or phone. Export shows
every answer decrypted, with the application's safe contact; erasure deletes the
application (and, through its foreign keys, its safe contact and the staff side's records
about it) unless a legal hold is in force.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from recruitment.models import Application
from safecontact.subject_data import EXPORT_FIELDS as SAFE_CONTACT_FIELDS

not_subject_data({"recruitment.cohort": "Names a group a forum is for, not a person."})


EXPORTED_FIELDS = [
    "reference",
    "stage",
    "outcome",
    "get_back_in_touch_on",
    "submitted_at",
    "decided_at",
    "language",
    "lives_in_area",
    "works_in_area",
    "studies_in_area",
    "full_name",
    "email",
    "phone",
    "access_needs",
    "equality_answered",
    "ethnic_group",
    "disability",
    "sexual_orientation",
    "gender_identity",
    "age_band",
    "borough",
    "pnc_check_consent_at",
    "terms_agreed_at",
    "privacy_notice_seen_at",
]


@register
class ApplicationsProvider(Provider):
    name = "recruitment"
    title = gettext_lazy("Applications to join a forum")
    models = (
        "recruitment.application",
        # The staff side's records about an application, found, exported and erased with it.
        "recruitment.onboardingconversation",
        "recruitment.pnccheck",
        "recruitment.panelview",
        "recruitment.vettingresult",
        "recruitment.membership",
    )

    def _describe(self, application: Application) -> str:
        return _("Application %(reference)s sent %(when)s") % {
            "reference": application.reference,
            "when": text(application.submitted_at),
        }

    def find(self, query: SubjectQuery) -> list[Match]:
        matches: dict[Any, Match] = {}
        if query.email:
            person = Person(kind="email", value=query.email)
            for application in Application.objects.with_email(query.email):
                matches[application.pk] = self.match(
                    application, self._describe(application), person
                )
        if query.phone:
            person = Person(kind="phone", value=query.phone)
            for application in Application.objects.with_phone(query.phone):
                matches.setdefault(
                    application.pk, self.match(application, self._describe(application), person)
                )
        return list(matches.values())

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        found = Application.objects.filter(user=user) | Application.objects.with_email(user.email)
        return [self.match(a, self._describe(a), person) for a in found.distinct()]

    def export(self, match: Match) -> Section:
        application: Any = match.get()
        if application is None:
            return Section(match.description)
        fields = model_fields(application, EXPORTED_FIELDS)
        cohorts = ", ".join(c.name for c in application.cohorts.all())
        fields.insert(1, (_("Forums applied to"), cohorts or text("")))
        fields += safe_contact_fields(application)
        fields += staff_side_fields(application)
        return Section(match.description, fields)

    def erase(self, match: Match) -> Counts:
        return self.delete_unless_held(match)


def safe_contact_fields(application: Application) -> list[tuple[str, str]]:
    """How they said they may be contacted safely, and any channel put on hold."""
    from safecontact.models import ChannelHold, SafeContact
    from safecontact.rules import window_text

    contact = SafeContact.objects.filter(application=application).first()
    if contact is None:
        return []
    fields = model_fields(contact, SAFE_CONTACT_FIELDS)
    windows = "; ".join(window_text(w) for w in contact.windows)
    fields.append((_("Safe times"), text(windows)))
    for hold in ChannelHold.objects.filter(safe_contact=contact).order_by("created_at", "pk"):
        fields += model_fields(
            hold, ["channel", "reason", "created_at", "decision", "reviewed_at", "review_note"]
        )
    return fields


def staff_side_fields(application: Application) -> list[tuple[str, str]]:
    """The programme team's records about the application. A PNC check still waiting for
    the panel is exported as the fact and dates only: its detail is criminal-offence data
    the panel holds for a few weeks and deletes at the decision (docs/vetting.md)."""
    from recruitment.models import (
        Membership,
        OnboardingConversation,
        PncCheck,
        VettingResult,
    )

    fields: list[tuple[str, str]] = []
    conversation = OnboardingConversation.objects.filter(application=application).first()
    if conversation:
        fields += model_fields(
            conversation, ["held_on", "outcome", "support_needs", "readiness_notes"]
        )
    check = PncCheck.objects.filter(application=application).first()
    if check:
        fields += model_fields(check, ["requested_on", "result_received_on", "result"])
    result = VettingResult.objects.filter(application=application).first()
    if result:
        fields += model_fields(result, ["completed_on", "outcome"])
    membership = Membership.objects.filter(application=application).first()
    if membership:
        fields += model_fields(membership, ["started_on", "tenure_ends_on"])
    return fields
