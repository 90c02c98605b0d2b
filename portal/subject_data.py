"""Subject requests for wellbeing records and deletion requests (privacy/subjects.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import CheckInRequest, ErasureRequest, SupportFlag
from privacy.subjects import Counts, Match, Person, Provider, Section, model_fields, register, text


@register
class PortalProvider(Provider):
    name = "portal"
    title = gettext_lazy("Wellbeing and your requests")
    models = ("portal.checkinrequest", "portal.supportflag", "portal.erasurerequest")
    order = 45  # before forums, which deletes the forum membership

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        matches = [
            self.match(c, _("Asked for a call %(when)s") % {"when": text(c.created_at)}, person)
            for c in CheckInRequest.objects.filter(forum_membership__user=user)
        ]
        matches += [
            self.match(f, _("Support offered %(when)s") % {"when": text(f.created_at)}, person)
            for f in SupportFlag.objects.filter(forum_membership__user=user)
        ]
        matches += [
            self.match(
                r,
                _("Asked for your data to be deleted %(when)s") % {"when": text(r.created_at)},
                person,
            )
            for r in ErasureRequest.objects.filter(user=user)
        ]
        return matches

    def export(self, match: Match) -> Section:
        obj: Any = match.get()
        if obj is None:
            return Section(match.description)
        if isinstance(obj, CheckInRequest):
            return Section(match.description, model_fields(obj, ["created_at", "done_at"]))
        if isinstance(obj, SupportFlag):
            return Section(match.description, model_fields(obj, ["note", "created_at"]))
        return Section(match.description, model_fields(obj, ["created_at"]))

    def erase(self, match: Match) -> Counts:
        obj: Any = match.get()
        if isinstance(obj, ErasureRequest):
            # The request is how the erasure is answered: kept, without the account link.
            ErasureRequest.objects.filter(pk=obj.pk).update(user=None)
            return Counts(anonymised=1)
        return self.delete_unless_held(match)
