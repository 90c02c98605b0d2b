"""The redaction evaluation sets, as rows {"id", "split", "style", "text", "spans"}.

- generated: bench/data/redaction_snippets.jsonl, built by
  bench/data/make_redaction_snippets.py (already in row form, no "style").
- written: bench/data/redaction_written/*.jsonl, hand-written records, one object a line,
  {"id", "split": "dev"|"test", "style", "text"}, where the text marks each labelled span
  inline as [[TYPE|exact text]]. `load_written` strips the markup and gives each span's
  offsets into the stripped text; a record with an unknown type, an unclosed "[[", a stray
  "]]", a span with no "TYPE|", a "[[" inside a span or an empty span is refused with a
  `MarkupError` naming the file, line, id and the problem.

Plain Python, no Django: the Presidio worker imports it in Presidio's own interpreter.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "bench" / "data" / "redaction_snippets.jsonl"
WRITTEN = ROOT / "bench" / "data" / "redaction_written"
SPLITS = ("dev", "test")
# The engine's placeholder types (redaction.engine.TYPES; a test keeps the two equal).
TYPES = (
    "NAME",
    "EMAIL",
    "PHONE",
    "POSTCODE",
    "ADDRESS",
    "DOB",
    "NI_NUMBER",
    "NHS_NUMBER",
    "VEHICLE_REG",
    "CARD_NUMBER",
    "POLICE_REF",
    "OFFICER_ID",
    "SOCIAL_HANDLE",
)
OPEN, CLOSE, SEPARATOR = "[[", "]]", "|"


class MarkupError(ValueError):
    """A hand-written record that cannot be read; the message names the record and why."""


def load_generated(split: str = "test", path: Path = GENERATED) -> list[dict]:
    """The generated snippets of one split ("dev", "test" or "all")."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows if split == "all" else [r for r in rows if r["split"] == split]


def parse_markup(marked: str, record_id: str = "?") -> tuple[str, list[dict]]:
    """Strip [[TYPE|text]] markup: (plain text, [{"start", "end", "type"}]) with offsets
    into the plain text. Raises MarkupError on any malformed markup."""

    def fail(problem: str, at: int) -> MarkupError:
        return MarkupError(f"{record_id}: {problem} at character {at} of the marked-up text")

    out: list[str] = []
    spans: list[dict] = []
    length = 0  # of the plain text so far
    cursor = 0
    while True:
        opening = marked.find(OPEN, cursor)
        closing = marked.find(CLOSE, cursor)
        if closing != -1 and (opening == -1 or closing < opening):
            raise fail('stray "]]" with no "[[" before it', closing)
        if opening == -1:
            out.append(marked[cursor:])
            break
        out.append(marked[cursor:opening])
        length += opening - cursor
        inner_start = opening + len(OPEN)
        end = marked.find(CLOSE, inner_start)
        nested = marked.find(OPEN, inner_start)
        if end == -1:
            raise fail('unclosed "[["', opening)
        if nested != -1 and nested < end:
            raise fail('"[[" inside a span (spans cannot nest; is a "]]" missing?)', nested)
        inner = marked[inner_start:end]
        kind, separator, value = inner.partition(SEPARATOR)
        if not separator:
            raise fail(f'span {inner!r} has no "TYPE|" (write [[TYPE|text]])', opening)
        if kind not in TYPES:
            raise fail(f"unknown type {kind!r} (one of {', '.join(TYPES)})", opening)
        if not value.strip():
            raise fail(f"empty {kind} span", opening)
        spans.append({"start": length, "end": length + len(value), "type": kind})
        out.append(value)
        length += len(value)
        cursor = end + len(CLOSE)
    return "".join(out), spans


def read_written_file(path: Path) -> list[dict]:
    """The records of one hand-written file, markup stripped."""
    rows: list[dict] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MarkupError(f"{where}: not valid JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise MarkupError(f"{where}: each line must be a JSON object")
        record_id = record.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise MarkupError(f'{where}: "id" must be a non-empty string')
        label = f"{where}, {record_id}"
        if record.get("split") not in SPLITS:
            raise MarkupError(f'{label}: "split" must be "dev" or "test"')
        marked = record.get("text")
        if not isinstance(marked, str):
            raise MarkupError(f'{label}: "text" must be a string')
        text, spans = parse_markup(marked, label)
        rows.append(
            {
                "id": record_id,
                "split": record["split"],
                "style": record.get("style"),
                "text": text,
                "spans": spans,
            }
        )
    return rows


def load_written(split: str = "all", folder: Path = WRITTEN) -> list[dict]:
    """Every hand-written record in folder/*.jsonl (files in name order), of one split
    ("dev", "test" or "all"). No folder or no files gives no rows. Ids must be unique
    across the files."""
    rows: list[dict] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for row in read_written_file(path):
            if row["id"] in seen:
                raise MarkupError(f"{path.name}, {row['id']}: id already used in {seen[row['id']]}")
            seen[row["id"]] = path.name
            rows.append(row)
    return rows if split == "all" else [r for r in rows if r["split"] == split]
