"""The redaction benchmark's evaluation sets (bench/redaction_sets.py) and its scoring
(bench/bench_redaction.py, bench/redaction_scoring.py): hand-written markup, leaks, fully redacted and clean records."""

import json
import sys
from pathlib import Path

import pytest

# The bench scripts import each other as top-level modules, from their own folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from bench_redaction import set_label  # noqa: E402
from redaction_scoring import fully_hidden, leaked, masked, score  # noqa: E402
from redaction_sets import (  # noqa: E402
    TYPES,
    MarkupError,
    load_generated,
    load_written,
    parse_markup,
)


def write(folder: Path, name: str, *records: dict) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def record(record_id: str, text: str, split: str = "dev", style: str = "call note") -> dict:
    return {"id": record_id, "split": split, "style": style, "text": text}


# --- Markup -------------------------------------------------------------------------------


def test_markup_is_stripped_and_offsets_index_the_plain_text() -> None:
    text, spans = parse_markup(
        "Mrs [[NAME|Okafor]] rang from [[PHONE|07700 900123]] about [[ADDRESS|14 Mill Road]]."
    )
    assert text == "Mrs Okafor rang from 07700 900123 about 14 Mill Road."
    assert spans == [
        {"start": 4, "end": 10, "type": "NAME"},
        {"start": 21, "end": 33, "type": "PHONE"},
        {"start": 40, "end": 52, "type": "ADDRESS"},
    ]
    assert [text[s["start"] : s["end"]] for s in spans] == [
        "Okafor",
        "07700 900123",
        "14 Mill Road",
    ]


def test_text_without_markup_has_no_spans() -> None:
    assert parse_markup("Thank you, the support was brilliant.") == (
        "Thank you, the support was brilliant.",
        [],
    )


def test_spans_side_by_side_at_the_edges_and_with_brackets_and_bars_inside() -> None:
    text, spans = parse_markup(
        "[[NAME|Jess]][[SOCIAL_HANDLE|@jess_m99]] said [x] | ok [[DOB|4/3/87]]"
    )
    assert text == "Jess@jess_m99 said [x] | ok 4/3/87"
    assert [(text[s["start"] : s["end"]], s["type"]) for s in spans] == [
        ("Jess", "NAME"),
        ("@jess_m99", "SOCIAL_HANDLE"),
        ("4/3/87", "DOB"),
    ]


def test_a_bar_inside_the_span_text_belongs_to_the_text() -> None:
    text, spans = parse_markup("ref [[POLICE_REF|AB|1234]] noted")
    assert text == "ref AB|1234 noted"
    assert text[spans[0]["start"] : spans[0]["end"]] == "AB|1234"


@pytest.mark.parametrize(
    ("marked", "problem"),
    [
        ("Call [[NAMES|Gary]] back", "unknown type 'NAMES'"),
        ("Call [[name|Gary]] back", "unknown type 'name'"),
        ("Call [[NAME|Gary back", 'unclosed "[["'),
        ("Call Gary]] back", 'stray "]]"'),
        ("Call [[NAME|Gary]] back]] soon", 'stray "]]"'),
        ("Call [[NAME|]] back", "empty NAME span"),
        ("Call [[NAME|  ]] back", "empty NAME span"),
        ("Call [[Gary]] back", 'has no "TYPE|"'),
        ("Call [[NAME|Gary [[PHONE|07700 900123]] back", '"[[" inside a span'),
    ],
)
def test_malformed_markup_is_refused_with_the_id_and_the_problem(marked: str, problem: str) -> None:
    with pytest.raises(MarkupError) as refused:
        parse_markup(marked, "calls-007")
    assert str(refused.value).startswith("calls-007: ")
    assert problem in str(refused.value)


def test_every_engine_type_is_accepted() -> None:
    from redaction.engine import TYPES as ENGINE_TYPES

    assert TYPES == ENGINE_TYPES
    for kind in TYPES:
        assert parse_markup(f"[[{kind}|x1]]")[1] == [{"start": 0, "end": 2, "type": kind}]


# --- Loading hand-written files -----------------------------------------------------------


def test_written_files_load_in_the_generated_shape_split_by_half(tmp_path: Path) -> None:
    folder = tmp_path / "written"
    write(
        folder,
        "calls.jsonl",
        record("calls-001", "Ring [[NAME|Dev]] on [[PHONE|0161 496 0123]]."),
        record("calls-002", "Nothing personal here, thanks.", split="test"),
    )
    write(
        folder,
        "letters.jsonl",
        record(
            "letters-001",
            "[[NAME|Aled]] lives at [[ADDRESS|12 Heol y Frenhines]], [[POSTCODE|CF10 1AA]].",
            split="test",
            style="letter",
        ),
    )
    (folder / "notes.txt").write_text("not a set", encoding="utf-8")

    rows = load_written(folder=folder)
    assert [r["id"] for r in rows] == ["calls-001", "calls-002", "letters-001"]
    assert rows[0] == {
        "id": "calls-001",
        "split": "dev",
        "style": "call note",
        "text": "Ring Dev on 0161 496 0123.",
        "spans": [
            {"start": 5, "end": 8, "type": "NAME"},
            {"start": 12, "end": 25, "type": "PHONE"},
        ],
    }
    assert rows[1]["spans"] == []
    assert [r["id"] for r in load_written("dev", folder)] == ["calls-001"]
    assert [r["id"] for r in load_written("test", folder)] == ["calls-002", "letters-001"]


def test_no_folder_or_no_files_gives_no_records(tmp_path: Path) -> None:
    assert load_written(folder=tmp_path / "missing") == []
    assert load_written(folder=tmp_path) == []


def test_a_bad_record_names_its_file_line_and_id(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "calls.jsonl",
        record("calls-001", "Fine [[NAME|Dev]]."),
        record("calls-002", "Ring [[PHNE|07700 900456]]."),
    )
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    with pytest.raises(MarkupError, match=r"^calls.jsonl line 3, calls-002: unknown type 'PHNE'"):
        load_written(folder=tmp_path)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "must be a JSON object"),
        (json.dumps({"split": "dev", "text": "x"}), '"id" must be a non-empty string'),
        (json.dumps({"id": "a-1", "split": "train", "text": "x"}), '"split" must be "dev"'),
        (json.dumps({"id": "a-1", "split": "dev"}), '"text" must be a string'),
    ],
)
def test_malformed_records_are_refused(tmp_path: Path, line: str, problem: str) -> None:
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(MarkupError, match="^a.jsonl line 1") as refused:
        load_written(folder=tmp_path)
    assert problem in str(refused.value)


def test_ids_must_be_unique_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.jsonl", record("x-001", "one"))
    write(tmp_path, "b.jsonl", record("x-001", "two"))
    with pytest.raises(MarkupError, match="b.jsonl, x-001: id already used in a.jsonl"):
        load_written(folder=tmp_path)


def test_the_generated_set_is_read_by_split() -> None:
    test_rows = load_generated("test")
    assert test_rows and {r["split"] for r in test_rows} == {"test"}
    assert {r["split"] for r in load_generated("all")} == {"dev", "test"}
    assert set(test_rows[0]) >= {"id", "split", "text", "spans"}
    assert set_label("generated", "test") == "generated"
    assert set_label("generated", "dev") == "generated_dev"
    assert set_label("written_test", "dev") == "written_test"


# --- Scoring ------------------------------------------------------------------------------


def rows_from(*marked: tuple[str, str]) -> list[dict]:
    rows = []
    for record_id, text in marked:
        plain, spans = parse_markup(text, record_id)
        rows.append({"id": record_id, "split": "dev", "text": plain, "spans": spans})
    return rows


def test_a_leak_is_the_labelled_text_still_there_as_a_whole_word() -> None:
    assert leaked("Al", "Then Al rang")
    assert not leaked("Al", "Also rang")
    assert leaked("07700 900123", "on 07700 900123.")
    assert leaked("@jess_m99", "handle @jess_m99")
    assert not leaked("Dev", "[NAME] rang")


def test_fully_hidden_counts_letters_and_digits_only() -> None:
    text = "at 14 Mill Road, ok"
    assert fully_hidden(3, 15, text, [(3, 5, "ADDRESS"), (6, 15, "ADDRESS")])
    assert not fully_hidden(3, 15, text, [(3, 5, "ADDRESS")])
    assert fully_hidden(3, 15, text, [(0, 19, "NAME")])


def test_masked_replaces_spans_and_merges_overlaps() -> None:
    assert masked("Call Gary on 07700 900123", [(5, 9, "NAME"), (13, 25, "PHONE")]) == (
        "Call [NAME] on [PHONE]"
    )
    assert masked("abcdefgh", [(1, 4, "NAME"), (3, 6, "PHONE")]) == "a[NAME]gh"


def test_score_counts_leaks_fully_redacted_and_clean_records_touched() -> None:
    rows = rows_from(
        ("r1", "[[NAME|Dev]] at [[ADDRESS|14 Mill Road]]"),
        ("r2", "Ring [[NAME|Jess]] on [[PHONE|07700 900123]]"),
        ("r3", "Nothing here"),
        ("r4", "Nothing here either"),
    )
    predictions = {
        "r1": [(0, 3, "NAME"), (7, 9, "ADDRESS"), (15, 19, "ADDRESS")],  # "Mill" left visible
        "r2": [(5, 9, "NAME"), (13, 18, "PHONE"), (19, 25, "PHONE")],  # all digits hidden
        "r3": [],
        "r4": [(0, 7, "NAME")],  # a false hit in a clean record
    }
    result = score(rows, predictions)
    assert result["records_with_data"] == 2
    assert result["records_fully_redacted"] == 1
    assert result["records_clean"] == 2
    assert result["clean_records_touched"] == 1
    assert result["leaks"] == []
    assert result["found"] == {"NAME": 2, "ADDRESS": 1, "PHONE": 1}
    assert result["false"] == [("NAME", "Nothing", "r4")]

    # The engine's own redacted text, when given, decides leaks.
    redacted = {"r1": "[NAME] at [ADDRESS]", "r2": "Ring Jess on [PHONE]", "r3": "", "r4": ""}
    assert score(rows, predictions, redacted)["leaks"] == [("NAME", "Jess", "r2")]


def test_a_missed_span_is_a_miss_and_usually_a_leak() -> None:
    rows = rows_from(("r1", "Call [[NAME|Gary]] on [[PHONE|07700 900123]]"))
    result = score(rows, {"r1": [(13, 25, "PHONE")]})
    assert result["misses"] == [("NAME", "Gary", "r1")]
    assert result["leaks"] == [("NAME", "Gary", "r1")]
    assert result["records_fully_redacted"] == 0
