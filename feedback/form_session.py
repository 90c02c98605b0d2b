"""The feedback form's context, kept in a signed cookie of its own, never in a URL.

A form is started by one of: the QR link /f/<code>/ (channel "qr"), the website's
/give-feedback/ (channel "web"), or an invitation link (feedback/views/invitations.py,
channel "sms" or "email"), each calling feedback.services.form_session_start. The context holds the
code, channel, invitation and language (ids and codes only, nothing personal), the step
reached, and a one-time form token: a random nonce, signed with its issue time. The
response keeps only the SHA-256 of the nonce (Response.submission_key), so the same form
posted twice makes one response.

Where it is kept: the form's own views (wrapped by `cookie_enable`/`cookie_apply` in
feedback/views/responses.py) keep it in the `vv_feedback_form` cookie: signed
(django.core.signing, so it cannot be altered), httpOnly, SameSite=Lax, Secure (and `__Host-`) in production,
gone when the browser closes and refused after TOKEN_MAX_AGE. So an anonymous person's
form reads and writes no session row: the submit's only writes are the response's.
A view that cannot set the cookie (the invitation link's) puts the context in the
session instead; the form's next page moves it into the cookie and out of the session.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

SESSION_KEY = "feedback_form"
TOKEN_SALT = "feedback.form-token"  # noqa: S105 - a signing salt, not a secret
# A form left open longer than this asks the person to send it again (answers kept).
TOKEN_MAX_AGE = 24 * 3600
COOKIE_SALT = "feedback.form-context"
_COOKIE_OK = "_feedback_form_cookie_ok"  # request attributes
_CONTEXT = "_feedback_form_context"
_DIRTY = "_feedback_form_context_changed"


@dataclass(frozen=True)
class FormContext:
    code_id: int | None
    channel: str
    invitation_id: int | None
    language: str  # "" = follow the site's language (English or Welsh)
    nonce: str
    response_id: int | None  # set once the core answers are saved
    done: bool  # the equality page was answered or skipped

    def as_dict(self) -> dict[str, Any]:
        return {
            "code_id": self.code_id,
            "channel": self.channel,
            "invitation_id": self.invitation_id,
            "language": self.language,
            "nonce": self.nonce,
            "response_id": self.response_id,
            "done": self.done,
        }


def context_new(
    *, code_id: int | None, channel: str, invitation_id: int | None, language: str
) -> FormContext:
    return FormContext(
        code_id=code_id,
        channel=channel,
        invitation_id=invitation_id,
        language=language,
        nonce=secrets.token_urlsafe(18),
        response_id=None,
        done=False,
    )


def cookie_name() -> str:
    return "__Host-vv_feedback_form" if settings.SESSION_COOKIE_SECURE else "vv_feedback_form"


def cookie_enable(request: HttpRequest) -> None:
    """This request's view sets the form cookie on its response (cookie_apply)."""
    setattr(request, _COOKIE_OK, True)


def cookie_apply(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Set the form cookie on `response` when the context changed in this request."""
    context = getattr(request, _CONTEXT, None)
    if getattr(request, _DIRTY, False) and context is not None:
        response.set_cookie(
            cookie_name(),
            signing.dumps(context.as_dict(), salt=COOKIE_SALT, compress=True),
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            path="/",
        )
    return response


def cookie_read(value: str) -> dict[str, Any] | None:
    """The context a form cookie holds, or None when forged or older than TOKEN_MAX_AGE."""
    try:
        data = signing.loads(value, salt=COOKIE_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def _has_session(request: HttpRequest) -> bool:
    """A session cookie came with the request (else reading the session costs nothing
    but there is nothing in it)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _context(data: Any) -> FormContext | None:
    if not isinstance(data, dict):
        return None
    try:
        return FormContext(**data)
    except TypeError:
        return None


def context_get(request: HttpRequest) -> FormContext | None:
    if hasattr(request, _CONTEXT):
        return getattr(request, _CONTEXT)  # type: ignore[no-any-return]
    context = None
    if _has_session(request):
        # Started by a view that could not set the cookie: newer than any cookie.
        context = _context(request.session.get(SESSION_KEY))
        if context is not None and getattr(request, _COOKIE_OK, False):
            del request.session[SESSION_KEY]
            setattr(request, _DIRTY, True)
    if context is None:
        value = request.COOKIES.get(cookie_name())
        context = _context(cookie_read(value)) if value else None
    setattr(request, _CONTEXT, context)
    return context


def context_save(request: HttpRequest, context: FormContext) -> None:
    setattr(request, _CONTEXT, context)
    if getattr(request, _COOKIE_OK, False):
        setattr(request, _DIRTY, True)
        if _has_session(request):
            request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = context.as_dict()


def context_replace(request: HttpRequest, context: FormContext, **changes: Any) -> FormContext:
    data = context.as_dict()
    data.update(changes)
    fresh = FormContext(**data)
    context_save(request, fresh)
    return fresh


def token_issue(nonce: str) -> str:
    """The signed form token put in the form (a hidden input)."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(nonce)


@dataclass(frozen=True)
class TokenCheck:
    nonce: str | None  # None when the token is forged or too old
    age_seconds: float


def token_check(token: str) -> TokenCheck:
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        nonce = signer.unsign(token, max_age=TOKEN_MAX_AGE)
        issued = signing.b62_decode(token.rsplit(":", 2)[1])
    except (signing.BadSignature, IndexError, ValueError):
        return TokenCheck(nonce=None, age_seconds=0.0)
    return TokenCheck(nonce=nonce, age_seconds=max(0.0, time.time() - issued))


def submission_key(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()
