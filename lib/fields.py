"""Model fields encrypted at rest with the keys in settings.FIELD_ENCRYPTION_KEYS.

Use them for every special-category and criminal-offence field. The column holds a
Fernet token (text); Python sees str or None. Because the token differs every time the
same text is encrypted, the database cannot compare, search, sort or index these values:
the only lookup allowed is `isnull`. See docs/encryption.md.
"""

from typing import Any

from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import IsNull

from lib.encryption import decrypt_str, encrypt_str

ALLOWED_LOOKUPS = frozenset({"isnull"})


class EncryptedFieldMixin:
    """Encrypts on the way to the database and decrypts on the way back."""

    encrypted = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for option in ("primary_key", "unique", "db_index"):
            if kwargs.get(option):
                raise ImproperlyConfigured(
                    f"Encrypted fields cannot use {option}=True: encrypted values cannot be "
                    "compared or indexed by the database."
                )
        super().__init__(*args, **kwargs)

    def get_internal_type(self) -> str:
        # Tokens are longer than the text they hold, so they always live in a text column.
        return "TextField"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt_str(value)

    def to_python(self, value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return str(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(value)
        if value is None:
            return None
        return encrypt_str(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name in ALLOWED_LOOKUPS:
            return IsNull
        raise FieldError(
            f"{self._describe()} is encrypted, so the database cannot compare it: the "
            f"'{lookup_name}' lookup is not supported (only isnull). Filter on another field."
        )

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(
            f"{self._describe()} is encrypted: the '{lookup_name}' transform is not supported."
        )

    def _describe(self) -> str:
        model = getattr(self, "model", None)
        name = getattr(self, "name", "field")
        return f"{model._meta.label}.{name}" if model is not None else name


class EncryptedTextField(EncryptedFieldMixin, models.TextField):  # type: ignore[misc]
    """Free text, encrypted at rest."""


class EncryptedCharField(EncryptedFieldMixin, models.CharField):  # type: ignore[misc]
    """Short text, encrypted at rest. `max_length` limits the text, not the stored token,
    which lives in a text column."""


def encrypted_fields() -> list[tuple[type[models.Model], list[Any]]]:
    """Every concrete model in every installed app with its encrypted fields."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedFieldMixin) and f.model is model
        ]
        if fields:
            found.append((model, fields))
    return found
