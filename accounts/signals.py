"""Audit events for signing in and out, and session bookkeeping at sign-in.

Django and allauth send these signals from inside their own sign-in flows, which have no
service of ours to write the event in; so the audit writes live here. Notes hold no
email address or anything else that identifies a person beyond the actor id.
"""

import time
from typing import Any

from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
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


def on_authenticator_added(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    if authenticator.type not in MFA_AUTHENTICATOR_TYPES:
        return
    audit_record(actor=user, action=AuditAction.MFA_ENABLED, obj=authenticator)
    if request is not None and getattr(request, "user", None) == user:
        record_mfa_set_up(request, authenticator)


def connect() -> None:
    auth_signals.user_logged_in.connect(on_user_logged_in, dispatch_uid="vv_sign_in")
    auth_signals.user_logged_out.connect(on_user_logged_out, dispatch_uid="vv_sign_out")
    auth_signals.user_login_failed.connect(on_user_login_failed, dispatch_uid="vv_sign_in_failed")
    mfa_signals.authentication_failed.connect(
        on_mfa_authentication_failed, dispatch_uid="vv_mfa_failed"
    )
    mfa_signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="vv_mfa_added")
