"""Sign-in rules applied to every request: session time limits, MFA for staff, and the
allauth pages Victim Voice does not use."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from accounts.mfa import has_mfa, has_verified_mfa

SIGNED_IN_AT = "vv_signed_in_at"
LAST_SEEN_AT = "vv_last_seen_at"
# Activity is written to the session at most this often (seconds), not on every request.
LAST_SEEN_RESOLUTION = 60

# Reachable by staff who have not set up MFA yet (besides public pages and static files).
MFA_SET_UP_PAGES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_list_webauthn",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
    }
)

# allauth pages for flows Victim Voice does not offer: nobody signs themselves up,
# people do not change their own email address (programme admins do), and nobody sets a
# password without an emailed link (staff set their first one through password reset).
UNUSED_PAGES = frozenset(
    {
        "account_signup",
        "account_email",
        "account_email_verification_sent",
        "account_confirm_email",
        "account_set_password",
    }
)

# Pages about passwords and re-entering them: members have no password.
STAFF_ONLY_PAGES = frozenset({"account_change_password", "account_reauthenticate"})


def _url_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def sign_out(request: HttpRequest, *, reason: str, message: str) -> HttpResponse:
    """End the session and send the person to sign-in, saying why."""
    request.vv_sign_out_reason = reason  # type: ignore[attr-defined]  # read by accounts.signals
    next_url = request.get_full_path() if request.method == "GET" else None
    logout(request)
    messages.info(request, message)
    if next_url:
        return redirect_to_login(next_url)
    return redirect(settings.LOGIN_URL)


class SessionTimeoutMiddleware:
    """Idle timeout for everyone signed in; absolute timeout, from sign-in, for staff."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        session = request.session
        now = time.time()
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen_at = session.get(LAST_SEEN_AT, now)
        if now - last_seen_at > settings.SESSION_IDLE_TIMEOUT:
            minutes = settings.SESSION_IDLE_TIMEOUT // 60
            return sign_out(
                request,
                reason="idle",
                message=_(
                    "You were signed out because you did nothing for %(minutes)s minutes."
                    " Sign in again to carry on."
                )
                % {"minutes": minutes},
            )
        if user.is_product_staff and now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT:  # type: ignore[union-attr]
            hours = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
            return sign_out(
                request,
                reason="absolute",
                message=_(
                    "You were signed out because you had been signed in for %(hours)s hours."
                    " Sign in again to carry on."
                )
                % {"hours": hours},
            )
        if LAST_SEEN_AT not in session or now - last_seen_at >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_AT] = now
        return self.get_response(request)


class RequireStaffMFAMiddleware:
    """Staff without an authenticator reach only MFA set-up; staff whose session did not
    pass MFA are signed out; members never see the MFA pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        name = _url_name(request)
        if name is None or name.startswith("pages:"):
            return self.get_response(request)
        if user.is_product_staff:  # type: ignore[union-attr]
            if not has_mfa(user):
                if name in MFA_SET_UP_PAGES:
                    return self.get_response(request)
                return redirect("mfa_activate_totp")
            if not has_verified_mfa(request):
                return sign_out(
                    request,
                    reason="mfa",
                    message=_("Sign in again with your password and a code from your app."),
                )
        elif name.startswith("mfa_"):
            return redirect("accounts:dashboard")
        return self.get_response(request)


class HideUnusedAccountPagesMiddleware:
    """Answer 404 for allauth pages of flows Victim Voice does not offer (UNUSED_PAGES),
    and for password pages (STAFF_ONLY_PAGES) to anyone who is not staff."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = _url_name(request)
        if name in UNUSED_PAGES:
            raise Http404
        user = request.user
        if name in STAFF_ONLY_PAGES and user.is_authenticated and not user.is_product_staff:  # type: ignore[union-attr]
            raise Http404
        return self.get_response(request)
