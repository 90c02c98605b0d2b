"""Import the support directory from a CSV or Excel file: `manage.py import_directory FILE`.

Every row is checked first; if any is wrong, nothing is saved and each problem is printed
with its row number and column (docs/directory.md, "Import format")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory import importing


class Command(BaseCommand):
    help = "Import support organisations and services from a .csv or .xlsx file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="Check the file only; save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows = importing.read_table(path.name, path.read_bytes())
        except importing.ImportFileError as error:
            raise CommandError(str(error)) from error
        plan = importing.check_rows(rows)
        if plan.errors:
            for problem in plan.errors:
                self.stderr.write(
                    f"Row {problem.row}, {problem.column or 'row'}: {problem.message}"
                )
            raise CommandError(f"{len(plan.errors)} problems found. Nothing was saved.")
        if options["check"]:
            self.stdout.write(f"{len(plan.rows)} rows are ready to import.")
            return
        result = importing.import_plan(actor=None, plan=plan)
        self.stdout.write(
            f"Imported {len(plan.rows)} rows: {result.services_created} services added, "
            f"{result.services_updated} updated, {result.funding} funding records."
        )
