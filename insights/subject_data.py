"""Subject requests for the feedback loop (privacy/subjects.py, docs/insights.md).

Feedback points never name a member (the words go through redaction and the original is
covered by the redaction app's provider); recommendations, responses and progress updates
are the forum's and the police's words, linked only to staff who recorded them. What is
about a person: the digests a member was sent, and a police lead's position.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insights.models import MemberDigest, PoliceLeadProfile
from privacy.subjects import (
    Counts,
    Match,
    Person,
    Provider,
    Section,
    model_fields,
    not_subject_data,
    register,
    text,
)

not_subject_data(
    {
        "insights.theme": "Names a theme of feedback, not a person.",
        "insights.ownerarea": "A police area; its leads are staff accounts.",
        "insights.feedbackpoint": (
            "The forum's feedback, never naming a member (redacted; the original is covered "
            "by the redaction provider); recorded_by is the facilitator."
        ),
        "insights.recommendation": "The forum's recommendation; raised_by is staff.",
        "insights.policeresponse": "The police answer; responded_by is a police lead.",
        "insights.progressupdate": "The police progress note; created_by is a police lead.",
    }
)


@register
class InsightsProvider(Provider):
    name = "insights"
    title = gettext_lazy("'You said, we did' updates and police lead position")
    models = ("insights.memberdigest", "insights.policeleadprofile")
    order = 45  # before forums and accounts

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        matches = [
            self.match(d, _("Update sent %(when)s") % {"when": text(d.sent_at)}, person)
            for d in MemberDigest.objects.filter(member=user)
        ]
        matches += [
            self.match(p, _("Police lead position"), person)
            for p in PoliceLeadProfile.objects.filter(user=user)
        ]
        return matches

    def export(self, match: Match) -> Section:
        obj: Any = match.get()
        if obj is None:
            return Section(match.description)
        if isinstance(obj, MemberDigest):
            fields = [(_("Forum"), obj.forum.name)]
            fields += model_fields(obj, ["sent_at"])
            fields += [
                (_("Recommendation"), rec.title)
                for rec in obj.recommendations.order_by("raised_at")
            ]
            return Section(match.description, fields)
        return Section(match.description, model_fields(obj, ["position"]))

    def erase(self, match: Match) -> Counts:
        return self.delete_unless_held(match)
