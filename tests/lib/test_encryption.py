"""Encryption at rest: lib.encryption, the Encrypted*Field model fields and key rotation."""

from io import StringIO
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from lib.encryption import DecryptionError, decrypt_str, encrypt_str, rotate_token
from lib.fields import EncryptedTextField, encrypted_fields
from privacy.models import AuditAction, AuditEvent
from tests.encryption_app.models import SecretNote

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
UNKNOWN_KEY = Fernet.generate_key().decode()

SECRET = "Disclosed to the panel: a fictional account of harassment"


def raw_column(note: SecretNote, column: str = "body") -> Any:
    table = SecretNote._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [note.pk])  # noqa: S608
        return cursor.fetchone()[0]


# lib.encryption


def test_encrypted_text_decrypts_to_the_same_text() -> None:
    token = encrypt_str("Ffion's statement – ünïcode")
    assert token != "Ffion's statement – ünïcode"
    assert decrypt_str(token) == "Ffion's statement – ünïcode"


def test_the_same_text_encrypts_differently_each_time() -> None:
    assert encrypt_str("same") != encrypt_str("same")


def test_changed_keys_setting_is_picked_up_without_a_restart() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        token = encrypt_str("text")
        assert Fernet(OLD_KEY.encode()).decrypt(token.encode()) == b"text"
    with override_settings(FIELD_ENCRYPTION_KEYS=[UNKNOWN_KEY]), pytest.raises(DecryptionError):
        decrypt_str(token)


def test_rotate_token_moves_a_token_to_the_newest_key() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        token = encrypt_str("text")
    with override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)):
        rotated = rotate_token(token)
    assert Fernet(NEW_KEY.encode()).decrypt(rotated.encode()) == b"text"


def test_an_invalid_key_is_refused_without_showing_it() -> None:
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=["not-a-real-key"]),
        pytest.raises(ImproperlyConfigured) as error,
    ):
        encrypt_str("text")
    assert "not-a-real-key" not in str(error.value)


def test_no_keys_at_all_is_refused() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[]), pytest.raises(ImproperlyConfigured):
        encrypt_str("text")


# The fields


@pytest.mark.django_db
def test_encrypted_fields_round_trip_through_the_database() -> None:
    note = SecretNote.objects.create(label="a", body=SECRET, summary="Short summary")
    fresh = SecretNote.objects.get(pk=note.pk)
    assert fresh.body == SECRET
    assert fresh.summary == "Short summary"
    assert SecretNote.objects.values_list("body", flat=True).get(pk=note.pk) == SECRET


@pytest.mark.django_db
def test_the_database_column_never_holds_the_plain_text() -> None:
    note = SecretNote.objects.create(body=SECRET, summary="Short summary")
    stored = raw_column(note)
    assert SECRET not in stored
    assert "harassment" not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert "Short summary" not in raw_column(note, "summary")


@pytest.mark.django_db
def test_none_is_stored_as_null_and_empty_text_is_still_encrypted() -> None:
    note = SecretNote.objects.create(body=None, summary="")
    assert raw_column(note) is None
    assert raw_column(note, "summary") not in ("", None)
    fresh = SecretNote.objects.get(pk=note.pk)
    assert fresh.body is None
    assert fresh.summary == ""


@pytest.mark.django_db
def test_isnull_is_the_only_lookup_allowed() -> None:
    SecretNote.objects.create(body=None)
    SecretNote.objects.create(body=SECRET)
    assert SecretNote.objects.filter(body__isnull=True).count() == 1
    assert SecretNote.objects.filter(body__isnull=False).count() == 1
    with pytest.raises(FieldError, match="encrypted"):
        SecretNote.objects.filter(body=SECRET).count()
    with pytest.raises(FieldError, match="encrypted"):
        SecretNote.objects.filter(body__contains="harass").count()
    with pytest.raises(FieldError, match="encrypted"):
        SecretNote.objects.filter(summary__iexact="x").count()


def test_an_encrypted_field_cannot_be_unique_or_indexed() -> None:
    with pytest.raises(ImproperlyConfigured):
        EncryptedTextField(unique=True)
    with pytest.raises(ImproperlyConfigured):
        EncryptedTextField(db_index=True)


def test_encrypted_fields_deconstruct_for_migrations() -> None:
    field = SecretNote._meta.get_field("summary")
    name, path, args, kwargs = field.deconstruct()
    assert path == "lib.fields.EncryptedCharField"
    assert kwargs == {"blank": True, "default": "", "max_length": 100}
    rebuilt = type(field)(*args, **kwargs)
    assert rebuilt.max_length == 100


@pytest.mark.django_db
def test_encrypted_columns_are_text_columns() -> None:
    field = SecretNote._meta.get_field("summary")
    assert field.db_type(connection) == connection.data_types["TextField"]


def test_encrypted_fields_are_found_across_installed_apps() -> None:
    found = {model: [f.name for f in fields] for model, fields in encrypted_fields()}
    assert found[SecretNote] == ["body", "summary"]


@pytest.mark.django_db
def test_data_under_an_unknown_key_raises_a_clear_error() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[UNKNOWN_KEY]):
        note = SecretNote.objects.create(body=SECRET)
    with pytest.raises(DecryptionError, match="could not be decrypted with any key"):
        SecretNote.objects.get(pk=note.pk)


# Key rotation


def keys(*new: str) -> list[str]:
    """`new` keys first, then the configured ones: the test cast's two-factor secrets are
    encrypted under those, and rotation reads every encrypted value in the database."""
    return [*new, *settings.FIELD_ENCRYPTION_KEYS]


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_rotation_lets_the_old_key_be_removed() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        notes = [SecretNote.objects.create(body=f"{SECRET} {i}", summary=f"s{i}") for i in range(5)]
        SecretNote.objects.create(body=None)
    # Step 1: the new key goes first, the old key stays so existing data still reads.
    with override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)):
        output = rotate("--batch-size", "2")
    assert "encryption_app.SecretNote: 6 rows, 11 encrypted values, re-encrypted 11" in output
    # Step 2: the old key is removed; everything still reads.
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        for i, note in enumerate(notes):
            fresh = SecretNote.objects.get(pk=note.pk)
            assert fresh.body == f"{SECRET} {i}"
            assert fresh.summary == f"s{i}"
            assert Fernet(NEW_KEY.encode()).decrypt(raw_column(note).encode())
        assert SecretNote.objects.filter(body__isnull=True).count() == 1


@pytest.mark.django_db
def test_rotation_writes_one_audit_event_with_counts_only() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        SecretNote.objects.create(body=SECRET)
    before = AuditEvent.objects.filter(action=AuditAction.KEYS_ROTATED).count()
    with override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)):
        rotate()
    events = AuditEvent.objects.filter(action=AuditAction.KEYS_ROTATED)
    assert events.count() == before + 1
    event = events.first()
    assert event is not None
    assert event.actor_id is None
    assert "re-encrypted" in event.note
    assert "harassment" not in event.note


@pytest.mark.django_db
def test_rotation_skips_values_already_under_the_newest_key() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        note = SecretNote.objects.create(body=SECRET)
        stored = raw_column(note)
    with override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)):
        output = rotate()
    assert "SecretNote: 1 rows, 2 encrypted values, re-encrypted 0, 2 already under" in output
    assert raw_column(note) == stored


@pytest.mark.django_db
def test_a_dry_run_counts_but_changes_nothing() -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        note = SecretNote.objects.create(body=SECRET)
        stored = raw_column(note)
    before = AuditEvent.objects.count()
    with override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)):
        output = rotate("--dry-run")
    assert "would re-encrypt 1" in output
    assert "nothing was changed" in output
    assert raw_column(note) == stored
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_rotation_stops_clearly_on_data_no_key_can_read() -> None:
    from django.core.management.base import CommandError

    with override_settings(FIELD_ENCRYPTION_KEYS=[UNKNOWN_KEY]):
        note = SecretNote.objects.create(body=SECRET)
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)),
        pytest.raises(CommandError, match=f"row {note.pk} holds a value that no key"),
    ):
        rotate()


@pytest.mark.django_db
def test_rotation_re_encrypts_two_factor_secrets(personas: dict[str, Any]) -> None:
    user = personas["dpo"]
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        authenticator = Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.RECOVERY_CODES,
            data={"seed": encrypt_str("a-fictional-seed"), "used_mask": 0},
        )
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    totp_secret = decrypt_str(totp.data["secret"])
    with override_settings(FIELD_ENCRYPTION_KEYS=keys(NEW_KEY, OLD_KEY)):
        rotate()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        authenticator.refresh_from_db()
        totp.refresh_from_db()
        assert decrypt_str(authenticator.data["seed"]) == "a-fictional-seed"
        assert authenticator.data["used_mask"] == 0
        assert decrypt_str(totp.data["secret"]) == totp_secret
