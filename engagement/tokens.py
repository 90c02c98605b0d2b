"""The secret tokens in the links the register sends (an invitation's link, a code to
confirm a way of being contacted). Only a keyed hash of each is stored, so a copy of the
database cannot be used to answer for someone."""

from __future__ import annotations

import secrets

from django.utils.crypto import salted_hmac


def digest_of(secret: str, *, purpose: str) -> str:
    """A keyed hash of `secret` for `purpose` ("invitation", "code"); "" for an empty one."""
    if not secret:
        return ""
    return salted_hmac(f"engagement.{purpose}", secret.strip(), algorithm="sha256").hexdigest()


def new_token(*, purpose: str) -> tuple[str, str]:
    """A fresh link token and its digest: the token goes in the link, the digest in the row."""
    token = secrets.token_urlsafe(24)
    return token, digest_of(token, purpose=purpose)


def new_code() -> str:
    """A six-digit code to confirm an email address or phone number."""
    return f"{secrets.randbelow(1_000_000):06d}"
