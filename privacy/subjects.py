"""Subject requests: how each app finds, exports and erases one person's data.

Every app that holds personal data has a `subject_data.py` with one small provider:

    from privacy.subjects import Provider, register

    @register
    class MessagesProvider(Provider):
        name = "notify"
        title = _("Messages sent by the service")
        models = ("notify.message",)

        def find(self, query): ...       # -> list[Match] for an email, phone or name
        def for_user(self, user): ...    # -> list[Match] linked to an account
        def export(self, match): ...     # -> Section: a title and readable field values
        def erase(self, match): ...      # -> Counts: erased, anonymised, held or kept

`privacy.apps` imports every `subject_data` module at start-up. A model with personal
fields must be listed in some provider's `models`, or in `not_subject_data({...})` with
the reason it holds nothing about a person (tests/project/test_subject_coverage.py fails
otherwise). See docs/subject-requests.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from lib.storage import delete_object_with_files
from privacy.holds import is_held


@dataclass(frozen=True)
class SubjectQuery:
    """What the data protection officer searched for. Blank parts are not searched."""

    email: str = ""
    phone: str = ""
    name: str = ""

    def normalised(self) -> SubjectQuery:
        return SubjectQuery(
            email=self.email.strip().lower(),
            phone=normalise_phone(self.phone),
            name=" ".join(self.name.split()),
        )

    def is_empty(self) -> bool:
        return not (self.email or self.phone or self.name)

    def as_dict(self) -> dict[str, str]:
        return {"email": self.email, "phone": self.phone, "name": self.name}


def normalise_phone(value: str) -> str:
    """07700 900123, 07700-900123 and +44 7700 900123 are all 07700900123."""
    digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    return digits.replace("+", "")


@dataclass(frozen=True)
class Person:
    """Whom a match belongs to: an account, or an email, phone or name with no account."""

    user_id: int | None = None
    kind: str = ""  # for people without an account: "email", "phone" or "name"
    value: str = ""  # the email, phone or name; shown to the DPO, never put in a URL

    @property
    def key(self) -> str:
        """For URLs: an account number, or a keyed hash that does not reveal the value."""
        if self.user_id is not None:
            return f"user-{self.user_id}"
        digest = salted_hmac("privacy.subjects.person", f"{self.kind}:{self.value}").hexdigest()
        return f"{self.kind}-{digest[:20]}"

    @classmethod
    def for_user(cls, user: Any) -> Person:
        return cls(user_id=user.pk)


@dataclass(frozen=True)
class Match:
    """One record that holds data about a person."""

    model: str  # model label, lower case: "notify.message"
    pk: Any
    description: str  # short, for the DPO's list
    person: Person
    provider: str = ""
    # Extra context a provider needs to erase or export (never shown, never in URLs).
    context: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> str:
        """A stable reference for forms that does not reveal the primary key."""
        return salted_hmac("privacy.subjects.match", f"{self.model}:{self.pk}").hexdigest()[:20]

    def get(self) -> models.Model | None:
        model = apps.get_model(self.model)
        return model._default_manager.filter(pk=self.pk).first()

    @property
    def model_verbose_name(self) -> str:
        return str(apps.get_model(self.model)._meta.verbose_name).capitalize()


@dataclass
class Section:
    """One record, exported: a title and readable field values (decrypted)."""

    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "fields": [{"label": label, "value": value} for label, value in self.fields],
        }


@dataclass
class Counts:
    """What an erasure did to one model's records."""

    erased: int = 0
    anonymised: int = 0
    held: int = 0
    kept: int = 0  # kept by design (for example the append-only audit log)

    def __iadd__(self, other: Counts) -> Counts:
        self.erased += other.erased
        self.anonymised += other.anonymised
        self.held += other.held
        self.kept += other.kept
        return self

    def as_dict(self) -> dict[str, int]:
        return {
            "erased": self.erased,
            "anonymised": self.anonymised,
            "held": self.held,
            "kept": self.kept,
        }


def text(value: Any) -> str:
    """A field value as a person reads it."""
    if value is None or value == "":
        return _("Not given")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return str(value)


def model_fields(obj: models.Model, names: Iterable[str]) -> list[tuple[str, str]]:
    """Label/value pairs for the named fields, using each field's verbose name and
    display value for choices. Encrypted fields are already decrypted on the instance."""
    pairs = []
    for name in names:
        f = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if callable(display) else getattr(obj, name)
        pairs.append((str(getattr(f, "verbose_name", name)).capitalize(), text(value)))
    return pairs


class Provider:
    """One app's part of subject requests. Subclass, set the attributes, register."""

    name: ClassVar[str] = ""  # the app label
    title: ClassVar[Any] = ""  # heading of the app's section in an export
    models: ClassVar[tuple[str, ...]] = ()  # labels of the models it covers
    order: ClassVar[int] = 100  # erasure order: lower first; accounts (the person) last

    def find(self, query: SubjectQuery) -> list[Match]:
        """Records matching the email, phone or name (query is normalised)."""
        return []

    def for_user(self, user: Any) -> list[Match]:
        """Every record linked to this account."""
        return []

    def export(self, match: Match) -> Section:
        raise NotImplementedError

    def erase(self, match: Match) -> Counts:
        raise NotImplementedError

    def held_q(self, model: type[Model], held_user_ids: list[Any]) -> Q | None:
        """Rows of `model` held because they belong to a held account by a link other
        than a foreign key (for example a message found by its recipient's hash)."""
        return None

    # Helpers for subclasses ------------------------------------------------------------
    def match(self, obj: Model, description: str, person: Person, **context: str) -> Match:
        return Match(
            model=obj._meta.label_lower,
            pk=obj.pk,
            description=description,
            person=person,
            provider=self.name,
            context=tuple(sorted(context.items())),
        )

    def delete_unless_held(self, match: Match) -> Counts:
        obj = match.get()
        if obj is None:
            return Counts()
        if is_held(obj):
            return Counts(held=1)
        delete_object_with_files(obj)  # the row, what cascades from it, and their files
        return Counts(erased=1)


P = TypeVar("P", bound=type[Provider])


class Registry:
    def __init__(self) -> None:
        self._providers: dict[str, Provider] = {}
        self._not_subject_data: dict[str, str] = {}

    def register(self, provider_class: P) -> P:
        provider = provider_class()
        if not provider.name:
            raise ValueError(f"{provider_class.__name__} needs a name")
        self._providers[provider.name] = provider
        return provider_class

    def add_not_subject_data(self, labels: dict[str, str]) -> None:
        for label, reason in labels.items():
            if not reason:
                raise ValueError(f"Say why {label} holds no personal data")
            self._not_subject_data[label.lower()] = reason

    @property
    def providers(self) -> list[Provider]:
        return sorted(self._providers.values(), key=lambda p: (p.order, p.name))

    def provider(self, name: str) -> Provider:
        return self._providers[name]

    @property
    def not_subject_data(self) -> dict[str, str]:
        return dict(self._not_subject_data)

    def covered_models(self) -> dict[str, str]:
        """Model label -> provider name."""
        return {label: p.name for p in self.providers for label in p.models}

    def extra_held_q(self, model: type[models.Model]) -> list[Q]:
        """Q objects from providers that hold rows of `model` for a held account."""
        from privacy.holds import held_user_ids

        label = model._meta.label_lower
        providers = [p for p in self.providers if label in p.models]
        if not providers:
            return []
        users = held_user_ids()
        if not users:
            return []
        out = []
        for provider in providers:
            q = provider.held_q(model, users)
            if q is not None:
                out.append(q)
        return out


registry = Registry()
register = registry.register


def not_subject_data(labels: dict[str, str]) -> None:
    """Declare models that look personal but are not: {"app.model": "reason"}."""
    registry.add_not_subject_data(labels)


# Personal-looking fields (tests/project/test_subject_coverage.py) --------------------
PERSONAL_NAME_PARTS = {"name", "email", "phone", "address", "ip", "postcode", "dob", "mobile"}


def personal_fields(model: type[models.Model]) -> list[str]:
    """Names of the fields that look like they hold personal data."""
    from lib.fields import EncryptedCharField, EncryptedTextField

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for f in model._meta.get_fields():
        if not getattr(f, "concrete", False) or getattr(f, "auto_created", False):
            continue
        parts = set(f.name.lower().split("_"))
        if (
            isinstance(
                f,
                models.EmailField
                | models.GenericIPAddressField
                | EncryptedCharField
                | EncryptedTextField,
            )
            or parts & PERSONAL_NAME_PARTS
            or (f.is_relation and f.related_model is user_model)
        ):
            found.append(f.name)
    return found
