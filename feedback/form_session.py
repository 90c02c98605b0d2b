"""The feedback form's context, kept in the person's session, never in a URL.

A form is started by one of: the QR link /f/<code>/ (channel "qr"), the website's
/give-feedback/ (channel "web"), or an invitation link (D2's view, channel "sms" or
"email"), each calling feedback.services.form_session_start. The session then holds the
code, channel, invitation and language, and a one-time form token: a random nonce,
signed with its issue time. The response keeps only the SHA-256 of the nonce
(Response.submission_key), so the same form posted twice makes one response.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.http import HttpRequest

SESSION_KEY = "feedback_form"
TOKEN_SALT = "feedback.form-token"  # noqa: S105 - a signing salt, not a secret
# A form left open longer than this asks the person to send it again (answers kept).
TOKEN_MAX_AGE = 24 * 3600


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


def context_get(request: HttpRequest) -> FormContext | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        return FormContext(**data)
    except TypeError:
        return None


def context_save(request: HttpRequest, context: FormContext) -> None:
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
