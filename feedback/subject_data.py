"""Subject requests for post-contact feedback (privacy/subjects.py, docs/feedback.md).

Feedback is anonymous: a response names nobody who gave it, so it cannot be found for the
person who wrote it. What is about a person:
- an officer's posting, their QR codes, and the responses about them (found through their
  account; erasure takes the officer off the responses, which keep their team and borough,
  and deactivates their codes);
- an invitation's phone number or email address while it is kept (at most 7 days), found
  by that number or address; erasure clears it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import FeedbackCode, Invitation, OfficerPosting, Response
from privacy.holds import is_held
from privacy.subjects import (
    Counts,
    Match,
    Person,
    Provider,
    Section,
    SubjectQuery,
    model_fields,
    normalise_phone,
    not_subject_data,
    register,
    text,
)

not_subject_data(
    {
        "feedback.borough": "A London borough (public reference data), not a person.",
        "feedback.team": "A police team, not a person.",
        "feedback.language": "A language the form is offered in.",
        "feedback.crimetype": "A type of crime, not a person.",
        "feedback.integration": "A force system allowed to use the API.",
        "feedback.routedcomment": (
            "A routed response's place in the desk's queue; handled_by is a desk agent "
            "acting in their job. The response it belongs to is anonymous."
        ),
    }
)


@register
class FeedbackProvider(Provider):
    name = "feedback"
    title = gettext_lazy("Post-contact feedback")
    models = (
        "feedback.officerposting",
        "feedback.feedbackcode",
        "feedback.response",
        "feedback.invitation",
    )
    order = 45

    def find(self, query: SubjectQuery) -> list[Match]:
        wanted = {query.email} if query.email else set()
        if query.phone:
            wanted.add(query.phone)
        if not wanted:
            return []
        matches = []
        for invitation in Invitation.objects.filter(contact__isnull=False).only("pk", "contact"):
            contact = invitation.contact or ""
            value = contact.lower() if "@" in contact else normalise_phone(contact)
            if value in wanted:
                kind = "email" if "@" in contact else "phone"
                matches.append(
                    self.match(
                        invitation,
                        _("Feedback invitation %(number)s") % {"number": invitation.pk},
                        Person(kind=kind, value=value),
                    )
                )
        return matches

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        matches = [
            self.match(posting, _("Feedback posting to %(team)s") % {"team": posting.team}, person)
            for posting in OfficerPosting.objects.filter(officer=user).select_related("team")
        ]
        matches += [
            self.match(code, _("Feedback QR code %(number)s") % {"number": code.pk}, person)
            for code in FeedbackCode.objects.filter(officer=user)
        ]
        responses = Response.objects.filter(officer=user).count()
        if responses:
            first = Response.objects.filter(officer=user).order_by("pk").first()
            assert first is not None
            matches.append(
                self.match(
                    first,
                    _("Feedback about you (%(count)s responses)") % {"count": responses},
                    person,
                    officer=str(user.pk),
                )
            )
        return matches

    def export(self, match: Match) -> Section:
        obj: Any = match.get()
        if obj is None:
            return Section(match.description)
        if isinstance(obj, OfficerPosting):
            return Section(match.description, [(_("Team"), text(obj.team))])
        if isinstance(obj, FeedbackCode):
            return Section(
                match.description,
                [(_("Team"), text(obj.team)), *model_fields(obj, ["active", "created_at"])],
            )
        if isinstance(obj, Invitation):
            return Section(
                match.description,
                [(_("Sent to"), text(obj.contact)), *model_fields(obj, ["channel", "created_at"])],
            )
        officer_id = int(dict(match.context).get("officer") or 0)
        count = Response.objects.filter(officer_id=officer_id).count()
        return Section(
            match.description,
            [
                (_("Responses about you"), str(count)),
                (
                    _("Who gave them"),
                    _("Feedback is anonymous: nothing about who gave it is kept."),
                ),
            ],
        )

    def erase(self, match: Match) -> Counts:
        obj: Any = match.get()
        if obj is None:
            return Counts()
        if is_held(obj):
            return Counts(held=1)
        if isinstance(obj, OfficerPosting):
            obj.delete()
            return Counts(erased=1)
        if isinstance(obj, FeedbackCode):
            if Response.objects.filter(officer_id=obj.officer_id).exists() or obj.active:
                FeedbackCode.objects.filter(pk=obj.pk).update(active=False, officer=None)
                return Counts(anonymised=1)
            obj.delete()
            return Counts(erased=1)
        if isinstance(obj, Invitation):
            Invitation.objects.filter(pk=obj.pk).update(contact=None)
            return Counts(anonymised=1)
        officer_id = int(dict(match.context).get("officer") or 0)
        updated = Response.objects.filter(officer_id=officer_id).update(officer=None)
        return Counts(anonymised=updated)
