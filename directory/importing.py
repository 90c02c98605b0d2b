"""Importing the directory from a CSV or Excel file (docs/directory.md, "Import format").

One row per service; the organisation's columns repeat on each of its services. The file is
read and every row checked first; if any row is wrong nothing is saved and every problem is
reported with its row number and column. Organisations are matched by name and services by
organisation and name, so a file can be imported again to update the directory.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from directory import services
from directory.labels import language_name
from directory.models import (
    Accessibility,
    ChangeAction,
    DirectoryChange,
    Group,
    Organisation,
    Referral,
    Service,
)
from feedback.models import Borough, CrimeType

COLUMNS = (
    "organisation",
    "organisation_description",
    "organisation_email",
    "organisation_phone",
    "organisation_website",
    "charity_number",
    "service",
    "service_description",
    "referral",
    "how_to_access",
    "email",
    "phone",
    "website",
    "hours",
    "boroughs",
    "crime_types",
    "groups",
    "languages",
    "accessibility",
    "location_name",
    "address",
    "postcode",
    "fund",
    "fund_year",
    "fund_amount",
)
REQUIRED = ("organisation", "service", "boroughs")
LONDON_WIDE = {"london-wide", "london wide", "all", "all of london", "london"}
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024


class ImportFileError(Exception):
    """The file cannot be read at all (wrong type, no header, too big)."""


@dataclass
class RowError:
    row: int  # the row number as a spreadsheet shows it (the header is row 1)
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    organisation: dict[str, Any]
    service: dict[str, Any]
    links: dict[str, list[Any]]
    language_codes: list[str]
    location: dict[str, str] | None
    funding: tuple[str, int, Decimal] | None
    creates_service: bool = True


@dataclass
class ImportPlan:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


# Reading ----------------------------------------------------------------------------------


def read_table(filename: str, data: bytes) -> list[dict[str, str]]:
    """The rows of a .csv or .xlsx file as dicts keyed by the (normalised) header."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file must be smaller than 2 MB."))
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Save the CSV file as UTF-8 and try again.")) from error
        table = list(csv.reader(io.StringIO(text)))
    elif name.endswith(".xlsx"):
        table = _read_excel(data)
    else:
        raise ImportFileError(_("The file must be a CSV file (.csv) or an Excel file (.xlsx)."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [str(cell or "").strip().lower().replace(" ", "_") for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns. Missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for cells in table[1:]:
        values = [str(cell).strip() if cell is not None else "" for cell in cells]
        if not any(values):
            continue
        rows.append(dict(zip(header, values, strict=False)))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than 2,000 rows. Split it and try again."))
    return rows


def _read_excel(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the same to the user
        raise ImportFileError(_("The Excel file cannot be opened.")) from error
    sheet = workbook.worksheets[0]
    table = []
    for row in sheet.iter_rows(values_only=True):
        table.append(
            [int(cell) if isinstance(cell, float) and cell.is_integer() else cell for cell in row]
        )
    workbook.close()
    return table


# Checking ---------------------------------------------------------------------------------


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


class _Lookups:
    def __init__(self) -> None:
        self.boroughs: dict[str, Borough] = {}
        for borough in Borough.objects.all():
            for key in (borough.name.lower(), borough.slug, borough.code.lower()):
                self.boroughs[key] = borough
        self.crime_types: dict[str, CrimeType] = {}
        for crime in CrimeType.objects.all():
            self.crime_types[crime.code] = crime
            self.crime_types[crime.name.lower()] = crime
        self.groups = {key: key for key in Group.values}
        self.groups.update({str(label).lower(): key for key, label in Group.choices})
        self.access = {key: key for key in Accessibility.values}
        self.access.update({str(label).lower(): key for key, label in Accessibility.choices})


def _valid_language(code: str) -> bool:
    return language_name(code) is not None


def _phone_ok(value: str) -> bool:
    digits = [c for c in value if c.isdigit()]
    return len(digits) >= 10 and all(c.isdigit() or c in " +()-" for c in value)


def check_rows(rows: list[dict[str, str]]) -> ImportPlan:
    """Check every row; returns the plan and every problem found."""
    plan = ImportPlan()
    look = _Lookups()
    email_ok, url_ok = EmailValidator(), URLValidator(schemes=["http", "https"])
    seen: set[tuple[str, str]] = set()
    existing_services = {
        (org.lower(), name.lower())
        for org, name in Service.objects.values_list("organisation__name", "name")
    }
    if not rows:
        plan.errors.append(RowError(2, "", _("The file has no rows under its header.")))
    for index, raw in enumerate(rows, start=2):
        errors: list[RowError] = []

        def problem(column: str, message: str, row: int = index, found: list = errors) -> None:
            found.append(RowError(row, column, message))

        def get(column: str, row: dict[str, str] = raw) -> str:
            return row.get(column, "").strip()

        for column in REQUIRED:
            if not get(column):
                problem(column, _("Enter the %(column)s.") % {"column": column.replace("_", " ")})
        for column in ("organisation_email", "email"):
            if get(column):
                try:
                    email_ok(get(column))
                except ValidationError:
                    problem(column, _("Enter an email address like help@example.org."))
        for column in ("organisation_website", "website"):
            if get(column):
                try:
                    url_ok(get(column))
                except ValidationError:
                    problem(column, _("Enter a website address starting with https://."))
        for column in ("organisation_phone", "phone"):
            if get(column) and not _phone_ok(get(column)):
                problem(column, _("Enter a phone number with at least 10 digits."))
        if not any(
            get(c)
            for c in (
                "email",
                "phone",
                "website",
                "organisation_email",
                "organisation_phone",
                "organisation_website",
            )
        ):
            problem("email", _("Give at least one way to contact the service."))
        referral = get("referral").lower() or Referral.SELF
        if referral not in Referral.values:
            problem("referral", _("Referral must be self, professional or both."))

        london_wide = get("boroughs").lower() in LONDON_WIDE
        boroughs = []
        if not london_wide:
            for part in _split(get("boroughs")):
                borough = look.boroughs.get(part.lower())
                if borough is None:
                    problem("boroughs", _("“%(value)s” is not a London borough.") % {"value": part})
                else:
                    boroughs.append(borough)
        crime_types = []
        for part in _split(get("crime_types")):
            crime = look.crime_types.get(part.lower())
            if crime is None:
                problem("crime_types", _("“%(value)s” is not a crime type.") % {"value": part})
            else:
                crime_types.append(crime)
        groups = []
        for part in _split(get("groups")):
            key = look.groups.get(part.lower())
            if key is None:
                problem("groups", _("“%(value)s” is not a group served.") % {"value": part})
            else:
                groups.append(key)
        access = []
        for part in _split(get("accessibility")):
            key = look.access.get(part.lower())
            if key is None:
                problem(
                    "accessibility",
                    _("“%(value)s” is not an accessibility feature.") % {"value": part},
                )
            else:
                access.append(key)
        languages = []
        for part in _split(get("languages")):
            if _valid_language(part.lower()):
                languages.append(part.lower())
            else:
                problem(
                    "languages",
                    _("“%(value)s” is not a language code (for example pl or so).")
                    % {"value": part},
                )
        funding = None
        if any(get(c) for c in ("fund", "fund_year", "fund_amount")):
            try:
                year = int(get("fund_year"))
                if not 2000 <= year <= 2100:
                    raise ValueError
            except ValueError:
                problem("fund_year", _("Enter the year funding started, like 2025."))
                year = 0
            try:
                amount = Decimal(get("fund_amount").replace("£", "").replace(",", ""))
                if amount < 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
                    raise InvalidOperation
            except InvalidOperation:
                problem("fund_amount", _("Enter the amount in pounds, like 12500.00."))
                amount = Decimal("0")
            if not get("fund"):
                problem("fund", _("Enter the name of the fund."))
            funding = (get("fund"), year, amount)
        row_key = (get("organisation").lower(), get("service").lower())
        if row_key in seen and all(row_key):
            problem("service", _("This service is already in an earlier row."))
        seen.add(row_key)
        location = None
        if get("location_name") or get("address") or get("postcode"):
            location = {
                "name": get("location_name") or get("service"),
                "address": get("address"),
                "postcode": get("postcode"),
            }
        if errors:
            plan.errors.extend(errors)
            continue
        plan.rows.append(
            ImportRow(
                row=index,
                organisation={
                    "name": get("organisation"),
                    "description": get("organisation_description"),
                    "email": get("organisation_email").lower(),
                    "phone": get("organisation_phone"),
                    "website": get("organisation_website"),
                    "charity_number": get("charity_number"),
                },
                service={
                    "name": get("service"),
                    "description": get("service_description"),
                    "referral": referral,
                    "how_to_access": get("how_to_access"),
                    "email": get("email").lower(),
                    "phone": get("phone"),
                    "website": get("website"),
                    "hours": get("hours"),
                    "london_wide": london_wide,
                },
                links={
                    "boroughs": boroughs,
                    "crime_types": crime_types,
                    "groups": groups,
                    "accessibility": access,
                },
                language_codes=languages,
                location=location,
                funding=funding,
                creates_service=row_key not in existing_services,
            )
        )
    return plan


# Saving -----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    organisations: int = 0
    services_created: int = 0
    services_updated: int = 0
    funding: int = 0


@transaction.atomic
def import_plan(*, actor: User | None, plan: ImportPlan) -> ImportResult:
    """Save a checked plan, all or nothing."""
    if not plan.ok:
        raise ValueError("Only a plan without errors can be imported.")
    result = ImportResult()
    organisations: dict[str, Organisation] = {}
    for row in plan.rows:
        name = row.organisation["name"]
        org = organisations.get(name.lower())
        if org is None:
            existing = Organisation.objects.filter(name__iexact=name).first()
            org = services.organisation_save(
                actor=actor, organisation=existing, data=row.organisation
            )
            organisations[name.lower()] = org
            result.organisations += 1
        existing_service = Service.objects.filter(
            organisation=org, name__iexact=row.service["name"]
        ).first()
        links: dict[str, list[Any]] = {
            "boroughs": row.links["boroughs"],
            "crime_types": row.links["crime_types"],
            "groups": services.groups_for(row.links["groups"]),
            "accessibility": services.accessibility_for(row.links["accessibility"]),
            "languages": services.spoken_languages(row.language_codes),
        }
        service = services.service_save(
            actor=actor,
            service=existing_service,
            organisation=org,
            data=row.service,
            links=links,
        )
        if existing_service is None:
            result.services_created += 1
        else:
            result.services_updated += 1
        if row.location:
            location = services.location_for(organisation=org, **row.location)
            service.locations.add(location)
        if row.funding:
            fund, year, amount = row.funding
            services.funding_record(
                actor=actor, organisation=org, fund=fund, year=year, amount=amount
            )
            result.funding += 1
    DirectoryChange.objects.create(
        actor=actor,
        action=ChangeAction.IMPORTED,
        object_type="import",
        note=f"{len(plan.rows)} rows imported",
    )
    return result
