"""Subject requests for service feedback. Feedback is anonymous: it is linked to no
account and asks for no contact details. It is searched only for comments that mention
the email, phone number or name searched for; erasure removes the mention."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages.models import ServiceFeedback
from privacy.holds import is_held
from privacy.subjects import (
    Counts,
    Match,
    Person,
    Provider,
    Section,
    SubjectQuery,
    model_fields,
    register,
    text,
)

ERASED_MENTION = "[erased]"
MIN_NAME_LENGTH = 3


@register
class FeedbackProvider(Provider):
    name = "pages"
    title = gettext_lazy("Feedback about this website")
    models = ("pages.servicefeedback",)

    def find(self, query: SubjectQuery) -> list[Match]:
        matches = []
        terms = [("email", query.email), ("phone", query.phone)]
        if len(query.name) >= MIN_NAME_LENGTH:
            terms.append(("name", query.name))
        for kind, value in terms:
            if not value:
                continue
            person = Person(kind=kind, value=value)
            for feedback in ServiceFeedback.objects.filter(comments__icontains=value):
                matches.append(
                    self.match(
                        feedback,
                        _("Feedback comment sent %(when)s, mentioning them")
                        % {"when": text(feedback.created_at)},
                        person,
                        term=value,
                    )
                )
        return matches

    def for_user(self, user: Any) -> list[Match]:
        query = SubjectQuery(email=user.email, name=user.full_name)
        return [
            Match(m.model, m.pk, m.description, Person.for_user(user), m.provider, m.context)
            for m in self.find(query)
        ]

    def export(self, match: Match) -> Section:
        feedback: Any = match.get()
        if feedback is None:
            return Section(match.description)
        return Section(
            match.description, model_fields(feedback, ["satisfaction", "comments", "created_at"])
        )

    def erase(self, match: Match) -> Counts:
        feedback: Any = match.get()
        if feedback is None:
            return Counts()
        if is_held(feedback):
            return Counts(held=1)
        term = dict(match.context).get("term", "")
        if not term:
            return Counts()
        feedback.comments = re.sub(re.escape(term), ERASED_MENTION, feedback.comments, flags=re.I)
        feedback.save(update_fields=["comments"])
        return Counts(anonymised=1)
