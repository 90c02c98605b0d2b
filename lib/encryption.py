"""Encryption at rest: Fernet tokens under the keys in settings.FIELD_ENCRYPTION_KEYS.

FIELD_ENCRYPTION_KEYS is a list of Fernet keys, newest first. The first key encrypts;
every key can decrypt, so a new key can be added in front of the old one, the data
re-encrypted (`manage.py rotate_encryption_keys`) and then the old key removed.
See docs/encryption.md.
"""

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A token could not be read with any configured key (wrong key, or tampered data)."""


_cache: tuple[tuple[str, ...], MultiFernet, Fernet] | None = None


def _keys() -> tuple[str, ...]:
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None)
    if isinstance(keys, str):
        keys = keys.split(",")
    keys = tuple(k.strip() for k in (keys or ()) if k and k.strip())
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    return keys


def _build(keys: Sequence[str]) -> tuple[MultiFernet, Fernet]:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError) as exc:
            # Never echo the key itself.
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS entry {position} is not a valid Fernet key "
                "(generate one with Fernet.generate_key())."
            ) from exc
    return MultiFernet(fernets), fernets[0]


def _current() -> tuple[tuple[str, ...], MultiFernet, Fernet]:
    global _cache
    keys = _keys()
    if _cache is None or _cache[0] != keys:
        _cache = (keys, *_build(keys))
    return _cache


def get_fernet() -> MultiFernet:
    """The MultiFernet for the current keys, rebuilt whenever the setting changes."""
    return _current()[1]


def encrypt_str(text: str) -> str:
    """Encrypt `text` with the primary (first) key and return the Fernet token as text."""
    if not isinstance(text, str):
        raise TypeError("encrypt_str expects str.")
    return get_fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt_str(token: str) -> str:
    """Decrypt a token written by encrypt_str with any configured key."""
    if not isinstance(token, str):
        raise TypeError("decrypt_str expects str.")
    try:
        return get_fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError(
            "Encrypted data could not be decrypted with any key in FIELD_ENCRYPTION_KEYS. "
            "The key it was written with may have been removed too early, or the data "
            "was altered."
        ) from exc


def rotate_token(token: str) -> str:
    """Re-encrypt a token under the primary key (readable with any configured key)."""
    try:
        return get_fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError(
            "Encrypted data could not be re-encrypted: no key in FIELD_ENCRYPTION_KEYS reads it."
        ) from exc


def is_primary_key_token(token: str) -> bool:
    """True when `token` can be read by the primary key alone (already rotated)."""
    primary = _current()[2]
    try:
        primary.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True
