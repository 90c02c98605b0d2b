"""Subject requests for texts under redaction review.

A text can mention a person (their name, email or phone in the original words) and a
reviewer releases it. Originals are encrypted, so finding a person means reading each
text: there are few of them (they are kept only while under review and as released).

Erasure: a text still waiting for review is deleted (the record it came from keeps its
own copy, under its own app's rules); a released text keeps only its released, redacted
version. A reviewer's name is removed from texts they released.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    register,
    text,
)
from redaction.models import RedactedText, Status
from redaction.services import phrase_occurrences

MENTIONED = "mentioned"
REVIEWER = "reviewer"


def _mentions(item: RedactedText, query: SubjectQuery) -> bool:
    original = item.original or ""
    if query.email and query.email in original.lower():
        return True
    if query.name and phrase_occurrences(original, query.name):
        return True
    if query.phone:
        phones = (
            normalise_phone(original[s["start"] : s["end"]])
            for s in item.spans
            if s["type"] == "PHONE"
        )
        if query.phone in phones:
            return True
        if query.phone in "".join(ch for ch in original if ch.isdigit()):
            return True
    return False


@register
class RedactionProvider(Provider):
    name = "redaction"
    title = gettext_lazy("Texts checked before they were shared")
    models = ("redaction.redactedtext",)

    def _describe(self, item: RedactedText) -> str:
        return _("%(kind)s, text %(number)s, %(when)s") % {
            "kind": item.purpose_label,
            "number": item.pk,
            "when": text(item.created_at),
        }

    def find(self, query: SubjectQuery) -> list[Match]:
        if query.is_empty():
            return []
        person = (
            Person(kind="email", value=query.email)
            if query.email
            else Person(kind="phone", value=query.phone)
            if query.phone
            else Person(kind="name", value=query.name)
        )
        return [
            self.match(item, self._describe(item), person, role=MENTIONED)
            for item in RedactedText.objects.only(
                "id", "original", "spans", "purpose", "created_at"
            )
            if _mentions(item, query)
        ]

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        return [
            self.match(item, self._describe(item), person, role=REVIEWER)
            for item in RedactedText.objects.filter(reviewed_by=user)
        ]

    def export(self, match: Match) -> Section:
        item: Any = match.get()
        if item is None:
            return Section(match.description)
        if dict(match.context).get("role") == REVIEWER:
            # What they did, not the text, which is about other people.
            return Section(match.description, model_fields(item, ["purpose", "released_at"]))
        return Section(
            match.description,
            model_fields(item, ["purpose", "status", "created_at", "original", "released"]),
        )

    def erase(self, match: Match) -> Counts:
        item: Any = match.get()
        if item is None:
            return Counts()
        if is_held(item):
            return Counts(held=1)
        if dict(match.context).get("role") == REVIEWER:
            RedactedText.objects.filter(pk=item.pk).update(reviewed_by=None)
            return Counts(anonymised=1)
        if item.status == Status.PENDING:
            item.delete()
            return Counts(erased=1)
        # Released: keep only the redacted version the reviewer released.
        item.original = item.released
        item.spans = []
        item.save(update_fields=["original", "spans"])
        return Counts(anonymised=1)
