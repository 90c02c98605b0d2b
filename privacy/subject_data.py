"""Subject requests for the privacy app's own records, and the models that look
personal but hold nothing about a person.

The audit log is part of an access request (what was done by and to the person) but is
never erased: it is append-only and holds account numbers, field names and actions only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy.models import AuditEvent
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


@register
class AuditProvider(Provider):
    name = "privacy"
    title = gettext_lazy("Audit log: what was done by or to this person")
    models = ("privacy.auditevent",)

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        label = user._meta.label_lower
        events = AuditEvent.objects.filter(
            Q(actor_id=user.pk) | Q(object_type=label, object_id=str(user.pk))
        ).order_by("occurred_at", "id")
        return [
            self.match(
                event,
                _("%(action)s, %(when)s")
                % {"action": event.get_action_display(), "when": text(event.occurred_at)},
                person,
            )
            for event in events
        ]

    def export(self, match: Match) -> Section:
        event: Any = match.get()
        if event is None:
            return Section(match.description)
        fields = model_fields(event, ["occurred_at", "action"])
        by_them = str(event.actor_id) == str(match.person.user_id)
        fields.append((_("Done by this person"), text(by_them)))
        if event.fields:
            fields.append((_("Fields changed"), ", ".join(event.fields)))
        return Section(match.description, fields)

    def erase(self, match: Match) -> Counts:
        return Counts(kept=1)  # append-only; account numbers and actions only


not_subject_data(
    {
        "privacy.legalhold": "Records the DPO's holds: a record number and the staff who acted.",
        "privacy.subjectrequest": "Records requests handled: counts and the DPO who acted.",
        "privacy.retentionreceipt": "Counts and dates of retention runs only.",
        "accounts.organisation": "An organisation's name, not a person's.",
        "forums.forum": "A forum's name, not a person's.",
        "auth.group": "A permission group's name.",
        "auth.permission": "A permission's name.",
        "django_tasks_database.dbtaskresult": "Background jobs are passed record numbers only.",
        "encryption_app.secretnote": "A model used only by the test suite.",
    }
)
