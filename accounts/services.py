"""Changes to people and their roles. Each writes its audit event in the same transaction."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import rules
from accounts.models import Organisation, RoleAssignment, User
from forums.models import Forum
from privacy.audit import audit_record
from privacy.models import AuditAction


def _site_url(site_url: str) -> str:
    return (site_url or settings.SITE_URL).rstrip("/")


def invitation_link(*, user: User, site_url: str = "") -> str:
    """An absolute link to allauth's "set a new password" page, valid for this person only.

    The key is made by allauth's own token generator, so it stops working once the person
    has set a password (or after PASSWORD_RESET_TIMEOUT).
    """
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return _site_url(site_url) + path


def _send_invitation(*, user: User, site_url: str, language: str) -> None:
    from notify.services import message_send

    message_send(
        template="staff_invitation",
        to_email=user.email,
        personalisation={
            "name": user.full_name,
            "link": invitation_link(user=user, site_url=site_url),
        },
        language=language,
    )


@transaction.atomic
def role_assign(
    *,
    actor: User,
    user: User,
    role: str,
    forums: Iterable[Forum] = (),
    panel_seat: str = "",
) -> RoleAssignment:
    forums = list(forums)
    rules.check_role_assignment(user=user, role=role, forums=forums, panel_seat=panel_seat)
    assignment = RoleAssignment.objects.create(
        user=user, role=role, panel_seat=panel_seat, assigned_by=actor
    )
    if forums:
        assignment.forums.set(forums)
    user.__dict__.pop("_active_roles", None)
    audit_record(
        actor=actor,
        action=AuditAction.ROLE_ASSIGNED,
        obj=assignment,
        fields=["role", *(["forums"] if forums else []), *(["panel_seat"] if panel_seat else [])],
        note=f"role={role}",
    )
    return assignment


@transaction.atomic
def staff_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    organisation: Organisation,
    role: str,
    forums: Iterable[Forum] = (),
    panel_seat: str = "",
    language: str = "en",
    site_url: str = "",
) -> User:
    """Create a member of staff with no password yet, give them `role`, and email them a
    link to set their password. The message is stored in this transaction and delivered
    once it commits (notify.services.message_send), so a refused invitation sends nothing."""
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists")})
    user = User.objects.create_user(email, None, full_name=full_name, organisation=organisation)
    audit_record(
        actor=actor,
        action=AuditAction.STAFF_INVITED,
        obj=user,
        fields=["email", "full_name", "organisation"],
    )
    role_assign(actor=actor, user=user, role=role, forums=forums, panel_seat=panel_seat)
    _send_invitation(user=user, site_url=site_url, language=language)
    return user


@transaction.atomic
def role_remove(*, actor: User, assignment: RoleAssignment) -> RoleAssignment:
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    rules.check_role_removal(actor=actor, assignment=assignment)
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ROLE_REMOVED,
        obj=assignment,
        fields=["ended_at"],
        note=f"role={assignment.role}",
    )
    return assignment


def _end_sessions(user: User) -> int:
    """End every session of `user`: allauth's tracked ones and any other Django session."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
        ended += 1
    user_id = str(user.pk)
    stale = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    if stale:
        Session.objects.filter(session_key__in=stale).delete()
    return ended + len(stale)


@transaction.atomic
def person_deactivate(*, actor: User, user: User) -> User:
    """Stop `user` signing in and end all their sessions. Their roles are kept for the record
    and come back if the account is reactivated."""
    user = User.objects.select_for_update().get(pk=user.pk)
    rules.check_deactivation(actor=actor, user=user)
    user.is_active = False
    user.deactivated_at = timezone.now()
    user.save(update_fields=["is_active", "deactivated_at"])
    _end_sessions(user)
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT_DEACTIVATED,
        obj=user,
        fields=["is_active", "deactivated_at"],
    )
    return user


@transaction.atomic
def person_reactivate(*, actor: User, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    rules.check_reactivation(user=user)
    user.is_active = True
    user.deactivated_at = None
    user.save(update_fields=["is_active", "deactivated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT_REACTIVATED,
        obj=user,
        fields=["is_active", "deactivated_at"],
    )
    return user
