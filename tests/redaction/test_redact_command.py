"""`manage.py redact`: JSON lines in, JSON lines out (redaction/management/commands/redact.py)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*lines: str, **options: str) -> list[dict]:
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    stdout = io.StringIO()
    call_command("redact", stdin=stdin, stdout=stdout, **options)
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def test_it_writes_the_redacted_text_and_spans_into_the_original_text() -> None:
    text = "Call Gary on 07700 900123 or gary@example.com"
    [out] = run(json.dumps({"id": 7, "text": text}))
    assert out == {
        "id": 7,
        "redacted": "Call [NAME] on [PHONE] or [EMAIL]",
        "spans": [
            {"start": 5, "end": 9, "type": "NAME"},
            {"start": 13, "end": 25, "type": "PHONE"},
            {"start": 29, "end": 45, "type": "EMAIL"},
        ],
    }
    assert [text[s["start"] : s["end"]] for s in out["spans"]] == [
        "Gary",
        "07700 900123",
        "gary@example.com",
    ]


def test_it_answers_each_line_in_order_and_skips_blank_lines() -> None:
    out = run(
        json.dumps({"id": "a", "text": "PC 1234 attended"}),
        "",
        json.dumps({"id": "b", "text": "Nothing personal here."}),
    )
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["redacted"] == "PC [OFFICER_ID] attended"
    assert out[1] == {"id": "b", "redacted": "Nothing personal here.", "spans": []}


def test_bad_lines_give_error_lines_with_the_id_when_known_and_fail_at_the_end() -> None:
    stdin = io.StringIO(
        "not json\n"
        + json.dumps({"id": 2, "text": 5})
        + "\n"
        + json.dumps(["a list"])
        + "\n"
        + json.dumps({"id": 4, "text": "Ring 07700 900123"})
        + "\n"
    )
    stdout = io.StringIO()
    with pytest.raises(CommandError, match="3 line"):
        call_command("redact", stdin=stdin, stdout=stdout)
    out = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert out[0]["line"] == 1 and "not valid JSON" in out[0]["error"] and "id" not in out[0]
    assert out[1] == {"id": 2, "line": 2, "error": '"text" must be a string'}
    assert out[2]["line"] == 3 and "JSON object" in out[2]["error"]
    # A good line after bad ones is still answered.
    assert out[3]["redacted"] == "Ring [PHONE]"


def test_error_lines_never_echo_the_text() -> None:
    stdin = io.StringIO('{"id": 1, "text": "Gary Mitchell 07700 900123"\n')
    stdout = io.StringIO()
    with pytest.raises(CommandError):
        call_command("redact", stdin=stdin, stdout=stdout)
    assert "Gary" not in stdout.getvalue() and "07700" not in stdout.getvalue()


def test_force_option_adds_that_forces_reference_patterns(settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDACTION_FORCE_REFERENCE_PATTERNS = {"wyp": [r"\b(?P<ref>13\d{2}[A-Z]{2}\d{6})\b"]}
    line = json.dumps({"id": 1, "text": "Quoted 1324AB123456."})
    assert run(line)[0]["spans"] == []
    assert run(line, force="wyp")[0]["spans"] == [{"start": 7, "end": 19, "type": "POLICE_REF"}]
