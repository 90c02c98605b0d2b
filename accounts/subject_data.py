"""Subject requests for accounts: the person's account, roles, sign-in records and sessions
(including django-allauth's email addresses, authenticators and tracked sessions).

An erased account is anonymised, not deleted, so that the audit log's account numbers
still point at a record: the email becomes an address on example.invalid, the name
"Erased person", the password unusable, the account inactive and every role ended.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import RoleAssignment, User
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

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "example.invalid"


def _session_user_id(session: Session) -> str | None:
    try:
        return session.get_decoded().get("_auth_user_id")
    except Exception:  # noqa: BLE001 - a session that cannot be decoded belongs to no one
        return None


@register
class AccountsProvider(Provider):
    name = "accounts"
    title = gettext_lazy("Account, roles and sign-in")
    models = (
        "accounts.user",
        "accounts.roleassignment",
        "account.emailaddress",
        "account.emailconfirmation",
        "mfa.authenticator",
        "usersessions.usersession",
        "sessions.session",
        "admin.logentry",
    )
    order = 1000  # the account itself is anonymised after everything linked to it

    def find(self, query: SubjectQuery) -> list[Match]:
        from allauth.account.models import EmailAddress

        users: dict[int, User] = {}
        if query.email:
            for user in User.objects.filter(email__iexact=query.email):
                users[user.pk] = user
            for address in EmailAddress.objects.filter(email__iexact=query.email).select_related(
                "user"
            ):
                users[address.user.pk] = address.user
        if query.name and len(query.name) >= 3:
            for user in User.objects.filter(full_name__icontains=query.name)[:50]:
                users[user.pk] = user
        matches = []
        for user in users.values():
            matches.extend(self.for_user(user))
        return matches

    def for_user(self, user: Any) -> list[Match]:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator
        from allauth.usersessions.models import UserSession

        person = Person.for_user(user)
        matches = [self.match(user, _("Account"), person)]
        for assignment in RoleAssignment.objects.filter(user=user):
            state = _("current") if assignment.ended_at is None else _("ended")
            matches.append(
                self.match(
                    assignment,
                    _("Role: %(role)s (%(state)s)")
                    % {"role": assignment.get_role_display(), "state": state},
                    person,
                )
            )
        for address in EmailAddress.objects.filter(user=user):
            matches.append(self.match(address, _("Sign-in email address"), person))
        for authenticator in Authenticator.objects.filter(user=user):
            matches.append(
                self.match(
                    authenticator,
                    _("Second factor: %(type)s") % {"type": authenticator.get_type_display()},
                    person,
                )
            )
        for user_session in UserSession.objects.filter(user=user):
            matches.append(
                self.match(
                    user_session,
                    _("Signed-in device, last seen %(when)s")
                    % {"when": text(user_session.last_seen_at)},
                    person,
                )
            )
        user_id = str(user.pk)
        for session in Session.objects.all().iterator():
            if _session_user_id(session) == user_id:
                matches.append(
                    self.match(
                        session,
                        _("Session, expires %(when)s") % {"when": text(session.expire_date)},
                        person,
                    )
                )
        user_type = ContentType.objects.get_for_model(User)
        for entry in LogEntry.objects.filter(content_type=user_type, object_id=user_id):
            matches.append(self.match(entry, _("Admin site record about this account"), person))
        return matches

    def export(self, match: Match) -> Section:
        obj: Any = match.get()
        if obj is None:
            return Section(match.description)
        if match.model == "accounts.user":
            fields = model_fields(
                obj, ["email", "full_name", "is_active", "date_joined", "deactivated_at"]
            )
            fields.append((_("Organisation"), text(obj.organisation)))
            fields.append((_("Last signed in"), text(obj.last_login)))
            return Section(_("Account"), fields)
        if match.model == "accounts.roleassignment":
            fields = model_fields(obj, ["role", "assigned_at", "ended_at"])
            forums = ", ".join(f.name for f in obj.forums.all())
            if forums:
                fields.append((_("Forums"), forums))
            if obj.panel_seat:
                fields.extend(model_fields(obj, ["panel_seat"]))
            return Section(match.description, fields)
        if match.model == "account.emailaddress":
            return Section(match.description, model_fields(obj, ["email", "verified", "primary"]))
        if match.model == "mfa.authenticator":
            # The secret itself is never exported.
            return Section(
                match.description, model_fields(obj, ["type", "created_at", "last_used_at"])
            )
        if match.model == "usersessions.usersession":
            # The session key is a credential and is never exported.
            return Section(
                match.description,
                model_fields(obj, ["ip", "user_agent", "created_at", "last_seen_at"]),
            )
        if match.model == "sessions.session":
            return Section(match.description, model_fields(obj, ["expire_date"]))
        if match.model == "admin.logentry":
            return Section(
                match.description,
                [(_("When"), text(obj.action_time)), (_("Change"), obj.get_change_message())],
            )
        return Section(match.description)

    def erase(self, match: Match) -> Counts:
        obj: Any = match.get()
        if obj is None:
            return Counts()
        if is_held(obj):
            return Counts(held=1)
        if match.model == "accounts.user":
            return self._anonymise_user(obj)
        if match.model == "accounts.roleassignment":
            if obj.ended_at is None:
                obj.ended_at = timezone.now()
                obj.save(update_fields=["ended_at"])
            return Counts(anonymised=1)  # kept, ended: the record of who could do what
        if match.model == "usersessions.usersession":
            obj.end()  # ends the Django session too
            if type(obj).objects.filter(pk=obj.pk).exists():
                obj.delete()
            return Counts(erased=1)
        if match.model == "admin.logentry":
            obj.object_repr = ERASED_NAME
            obj.change_message = ""
            obj.save(update_fields=["object_repr", "change_message"])
            return Counts(anonymised=1)
        obj.delete()
        return Counts(erased=1)

    def _anonymise_user(self, user: User) -> Counts:
        user.email = f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}"
        user.full_name = ERASED_NAME
        user.set_unusable_password()
        user.is_active = False
        user.deactivated_at = user.deactivated_at or timezone.now()
        user.last_login = None
        user.save()
        RoleAssignment.objects.filter(user=user, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
        return Counts(anonymised=1)
