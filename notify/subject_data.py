"""Subject requests for messages: every email and text message sent to a person.

Messages are found by the keyed hash of their recipient (no decryption of every row),
exported with their text decrypted, and deleted on erasure.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notify.models import Message, recipient_digest
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


@register
class MessagesProvider(Provider):
    name = "notify"
    title = gettext_lazy("Emails and text messages sent by the service")
    models = ("notify.message",)

    def _messages(self, recipient: str, person: Person) -> list[Match]:
        digests = {recipient_digest(recipient)}
        if person.kind == "phone" and recipient.startswith("0"):
            digests.add(recipient_digest("+44" + recipient[1:]))  # 07700… sent as +447700…
        return [
            self.match(
                message,
                _("%(channel)s sent %(when)s")
                % {"channel": message.get_channel_display(), "when": text(message.created_at)},
                person,
            )
            for message in Message.objects.filter(recipient_digest__in=digests)
        ]

    def find(self, query: SubjectQuery) -> list[Match]:
        from accounts.models import User

        matches = []
        if query.email:
            user = User.objects.filter(email__iexact=query.email).first()
            person = Person.for_user(user) if user else Person(kind="email", value=query.email)
            matches.extend(self._messages(query.email, person))
        if query.phone:
            matches.extend(self._messages(query.phone, Person(kind="phone", value=query.phone)))
        return matches

    def for_user(self, user: Any) -> list[Match]:
        return self._messages(user.email, Person.for_user(user))

    def export(self, match: Match) -> Section:
        message: Any = match.get()
        if message is None:
            return Section(match.description)
        return Section(
            match.description,
            model_fields(
                message,
                ["channel", "recipient", "subject", "body", "status", "created_at", "sent_at"],
            ),
        )

    def erase(self, match: Match) -> Counts:
        return self.delete_unless_held(match)

    def held_q(self, model: type[Model], held_user_ids: list[Any]) -> Q | None:
        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        emails = user_model._default_manager.filter(pk__in=held_user_ids).values_list(
            "email", flat=True
        )
        digests = [recipient_digest(email) for email in emails]
        return Q(recipient_digest__in=digests) if digests else None
