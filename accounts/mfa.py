"""Whether a person has MFA set up, and whether this session used it."""

from typing import Any

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

MFA_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_mfa(user: Any) -> bool:
    """True when the person has an authenticator app (or security key) set up."""
    return bool(getattr(user, "is_authenticated", False)) and is_mfa_enabled(user, MFA_TYPES)


def has_verified_mfa(request: HttpRequest) -> bool:
    """True when the signed-in person has MFA and this session passed it (or set it up)."""
    user = request.user
    if not has_mfa(user):
        return False
    records = get_authentication_records(request, user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


def record_mfa_set_up(request: HttpRequest, authenticator: Authenticator) -> None:
    """Setting up an authenticator with a real code proves the person holds it, so the
    session counts as having passed MFA (as it would after signing in with a code), and
    as freshly confirmed, so the new recovery codes can be shown straight away."""
    record_authentication(
        request,
        request.user,  # type: ignore[arg-type]
        method="mfa",
        type=authenticator.type,
        id=authenticator.pk,
        reauthenticated=True,
    )
