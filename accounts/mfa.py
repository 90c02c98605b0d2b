"""Whether a person has MFA set up, and whether this session used it."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

MFA_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_mfa(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and is_mfa_enabled(user, MFA_TYPES)


def has_verified_mfa(request: HttpRequest) -> bool:
    """True when the signed-in person has MFA and this session passed it (or set it up)."""
    from allauth.account.authentication import get_authentication_records

    if not has_mfa(request.user):
        return False
    return any(rec.get("method") == "mfa" for rec in get_authentication_records(request))
