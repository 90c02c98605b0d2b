"""Redact JSON lines from standard input to standard output.

    echo '{"id": 1, "text": "Call Gary on 07700 900123"}' | manage.py redact
    {"id": 1, "redacted": "Call [NAME] on [PHONE]", "spans": [{"start": 5, "end": 9, "type": "NAME"}, ...]}

One output line per input line, in order. A line that is not a JSON object with a string
"text" gives {"id": ... (when known), "error": "..."} and the command exits with status 1
after the last line. Blank lines are skipped. Nothing is logged: the text never leaves the
pipe (see docs/redaction.md).
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redaction.engine import redact


def _error(line_number: int, message: str, record_id: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"line": line_number, "error": message}
    if record_id is not None:
        out = {"id": record_id, **out}
    return out


class Command(BaseCommand):
    help = "Redact personal data from JSON lines {id, text} on stdin; write {id, redacted, spans}."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            default=None,
            help="Police force whose extra reference patterns apply (REDACTION_FORCE_REFERENCE_PATTERNS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stdin = options.get("stdin") or sys.stdin
        force = options["force"]
        failures = 0
        for line_number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            result = self._one(line, line_number, force)
            if "error" in result:
                failures += 1
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        self.stdout.flush()
        if failures:
            raise CommandError(f"{failures} line(s) could not be redacted; see the error lines.")

    def _one(self, line: str, line_number: int, force: str | None) -> dict[str, Any]:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return _error(line_number, f"not valid JSON: {exc.msg} at column {exc.colno}")
        if not isinstance(record, dict):
            return _error(line_number, "each line must be a JSON object")
        record_id = record.get("id")
        text = record.get("text")
        if not isinstance(text, str):
            return _error(line_number, '"text" must be a string', record_id)
        try:
            result = redact(text, force=force)
        except Exception as exc:  # noqa: BLE001 - report, never crash silently or echo the text
            return _error(line_number, f"redaction failed: {type(exc).__name__}", record_id)
        return {
            "id": record_id,
            "redacted": result.redacted,
            "spans": [{"start": s.start, "end": s.end, "type": s.type} for s in result.spans],
        }
