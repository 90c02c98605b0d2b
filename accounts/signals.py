"""Audit events for signing in and out, and session bookkeeping at sign-in.

Django and allauth send these signals from inside their own sign-in flows, which have no
service of ours to write the event in; so the audit writes live here. Notes hold no
email address or anything else that identifies a person beyond the actor id.
"""

import time
from typing import Any

from allauth.core import context as allauth_context
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save
from django.http import HttpRequest

from accounts.mfa import record_mfa_set_up
from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from privacy.audit import audit_record
from privacy.models import AuditAction

MFA_AUTHENTICATOR_TYPES = {Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN}


def on_user_logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
    audit_record(actor=user, action=AuditAction.SIGN_IN)


def on_user_logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    reason = getattr(request, "vv_sign_out_reason", "")
    audit_record(actor=user, action=AuditAction.SIGN_OUT, note=reason)


def on_user_login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # Who was tried is not recorded: the email may not belong to anyone.
    audit_record(actor=None, action=AuditAction.SIGN_IN_FAILED, note="password")


def on_mfa_authentication_failed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    audit_record(actor=user, action=AuditAction.SIGN_IN_FAILED, note="mfa code")


def on_authenticator_saved(
    sender: Any, instance: Authenticator, created: bool, **kwargs: Any
) -> None:
    """A new TOTP (or security key) authenticator: audit it and, when its owner set it up
    in this request with a real code, count this session as having passed MFA.

    post_save rather than allauth's authenticator_added, which waits for the commit and
    so can come after the session is saved.
    """
    if not created or instance.type not in MFA_AUTHENTICATOR_TYPES:
        return
    audit_record(actor=instance.user, action=AuditAction.MFA_ENABLED, obj=instance)
    request = getattr(allauth_context, "request", None)
    user = getattr(request, "user", None)
    if request is not None and user is not None and user.pk == instance.user_id:
        record_mfa_set_up(request, instance)


def connect() -> None:
    auth_signals.user_logged_in.connect(on_user_logged_in, dispatch_uid="vv_sign_in")
    auth_signals.user_logged_out.connect(on_user_logged_out, dispatch_uid="vv_sign_out")
    auth_signals.user_login_failed.connect(on_user_login_failed, dispatch_uid="vv_sign_in_failed")
    mfa_signals.authentication_failed.connect(
        on_mfa_authentication_failed, dispatch_uid="vv_mfa_failed"
    )
    post_save.connect(on_authenticator_saved, sender=Authenticator, dispatch_uid="vv_mfa_added")
