"""Re-encrypt everything encrypted at rest with the newest key in FIELD_ENCRYPTION_KEYS.

Run it after putting a new key first in FIELD_ENCRYPTION_KEYS; once it has finished, the
old keys can be removed. Covers every Encrypted*Field in every installed app, and the
secrets allauth keeps for two-factor authentication. See docs/encryption.md.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models import TextField, Value
from django.db.models.functions import Cast

from lib.encryption import DecryptionError, is_primary_key_token, rotate_token
from lib.fields import encrypted_fields
from privacy.audit import audit_record
from privacy.models import AuditAction

# allauth MFA authenticator types and the key in Authenticator.data that MFAAdapter encrypts.
MFA_ENCRYPTED_DATA = {"totp": "secret", "recovery_codes": "seed"}


@dataclass
class Tally:
    label: str
    rows: int = 0
    values: int = 0
    rotated: int = 0
    current: int = 0


@dataclass
class Report:
    tallies: list[Tally] = field(default_factory=list)

    @property
    def rotated(self) -> int:
        return sum(t.rotated for t in self.tallies)

    @property
    def values(self) -> int:
        return sum(t.values for t in self.tallies)


def _unreadable(label: str, pk: Any) -> CommandError:
    return CommandError(
        f"{label} row {pk} holds a value that no key in FIELD_ENCRYPTION_KEYS can read. "
        "Put back the key it was written with, then run this command again. "
        "Nothing in that batch was changed."
    )


def _rotate_model(
    model: type[models.Model], fields: list[models.Field], *, dry_run: bool, batch_size: int
) -> Tally:
    tally = Tally(label=model._meta.label)
    names = [f.attname for f in fields]
    # Read the stored tokens as they are, without the field decrypting them.
    raw = {f"_raw_{name}": Cast(name, output_field=TextField()) for name in names}
    queryset = model._default_manager.order_by("pk").annotate(**raw)
    last_pk: Any = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        rows = list(page.values_list("pk", *raw.keys())[:batch_size])
        if not rows:
            return tally
        with transaction.atomic():
            for pk, *tokens in rows:
                tally.rows += 1
                changes = {}
                for name, token in zip(names, tokens, strict=True):
                    if token is None:
                        continue
                    tally.values += 1
                    if is_primary_key_token(token):
                        tally.current += 1
                        continue
                    try:
                        new_token = rotate_token(token)
                    except DecryptionError:
                        raise _unreadable(tally.label, pk) from None
                    tally.rotated += 1
                    changes[name] = Value(new_token, output_field=TextField())
                if changes and not dry_run:
                    model._default_manager.filter(pk=pk).update(**changes)
        last_pk = rows[-1][0]


def _rotate_mfa(*, dry_run: bool, batch_size: int) -> Tally:
    from allauth.mfa.models import Authenticator

    tally = Tally(label="mfa.Authenticator")
    queryset = Authenticator.objects.filter(type__in=MFA_ENCRYPTED_DATA).order_by("pk")
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return tally
        with transaction.atomic():
            for authenticator in batch:
                tally.rows += 1
                key = MFA_ENCRYPTED_DATA[authenticator.type]
                token = (authenticator.data or {}).get(key)
                if not isinstance(token, str):
                    continue
                tally.values += 1
                if is_primary_key_token(token):
                    tally.current += 1
                    continue
                try:
                    new_token = rotate_token(token)
                except DecryptionError:
                    raise _unreadable(tally.label, authenticator.pk) from None
                tally.rotated += 1
                if not dry_run:
                    data = dict(authenticator.data)
                    data[key] = new_token
                    Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
        last_pk = batch[-1].pk


def rotate_all(*, dry_run: bool = False, batch_size: int = 500) -> Report:
    report = Report()
    for model, fields in encrypted_fields():
        report.tallies.append(_rotate_model(model, fields, dry_run=dry_run, batch_size=batch_size))
    report.tallies.append(_rotate_mfa(dry_run=dry_run, batch_size=batch_size))
    if not dry_run:
        audit_record(
            actor=None,
            action=AuditAction.KEYS_ROTATED,
            note=(
                f"{report.rotated} values re-encrypted, "
                f"{report.values - report.rotated} already under the newest key, "
                f"{len(report.tallies)} tables"
            ),
        )
    return report


class Command(BaseCommand):
    help = "Re-encrypt all data encrypted at rest with the first key in FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be re-encrypted, change nothing.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, dry_run: bool, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        report = rotate_all(dry_run=dry_run, batch_size=batch_size)
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        for t in report.tallies:
            self.stdout.write(
                f"{t.label}: {t.rows} rows, {t.values} encrypted values, "
                f"{verb} {t.rotated}, {t.current} already under the newest key"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Done: {report.rotated} values re-encrypted. Old keys can now be removed."
                )
            )
