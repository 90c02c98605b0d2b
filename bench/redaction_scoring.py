"""How the redaction benchmark scores a set: matching predicted spans to labelled ones,
leaks, fully redacted and clean records, and the `bench ...` lines it prints
(docs/redaction.md, "The benchmark")."""

import re
from collections import Counter

from redaction_sets import TYPES

NAMES_ADDRESSES = ("NAME", "ADDRESS")
STRUCTURED = tuple(t for t in TYPES if t not in NAMES_ADDRESSES)

Pred = tuple[int, int, str]
Finding = tuple[str, str, str]  # (type, text, record id)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def masked(text: str, pred: list[Pred]) -> str:
    """text with each predicted span (overlaps merged) replaced by its [TYPE] placeholder:
    the redacted output of an engine that gives only spans."""
    parts: list[str] = []
    cursor = 0
    for start, end, kind in sorted(pred):
        if start < cursor:  # overlaps the previous placeholder: hide the rest of it too
            cursor = max(cursor, end)
            continue
        parts += [text[cursor:start], f"[{kind}]"]
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def leaked(value: str, redacted: str) -> bool:
    """Whether a labelled value is still in the redacted text, as a whole word or phrase
    (a name "Al" is not leaked by "Also")."""
    pattern = re.escape(value)
    if value[:1].isalnum():
        pattern = r"(?<!\w)" + pattern
    if value[-1:].isalnum():
        pattern += r"(?!\w)"
    return re.search(pattern, redacted) is not None


def fully_hidden(start: int, end: int, text: str, pred: list[Pred]) -> bool:
    """Whether every letter and digit of text[start:end] lies inside a predicted span."""
    return all(
        any(ps <= i < pe for ps, pe, _ in pred) for i in range(start, end) if text[i].isalnum()
    )


def score(
    rows: list[dict], predictions: dict[str, list[Pred]], redacted: dict[str, str] | None = None
) -> dict:
    """Figures for one engine on one set. redacted maps a record id to the engine's own
    redacted text; without it the text is masked from the predicted spans."""
    gold_n: Counter[str] = Counter()
    found: Counter[str] = Counter()
    found_any: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    misses: list[Finding] = []
    false: list[Finding] = []
    leaks: list[Finding] = []
    with_data = fully = clean = touched = 0
    for row in rows:
        text = row["text"]
        gold = [(s["start"], s["end"], s["type"]) for s in row["spans"]]
        pred = predictions.get(row["id"], [])
        output = redacted[row["id"]] if redacted is not None else masked(text, pred)
        for gs, ge, gt in gold:
            gold_n[gt] += 1
            if any(overlaps(ps, pe, gs, ge) and pt == gt for ps, pe, pt in pred):
                found[gt] += 1
            else:
                misses.append((gt, text[gs:ge], row["id"]))
            if any(overlaps(ps, pe, gs, ge) for ps, pe, _ in pred):
                found_any[gt] += 1
            if leaked(text[gs:ge], output):
                leaks.append((gt, text[gs:ge], row["id"]))
        for ps, pe, pt in pred:
            pred_n[pt] += 1
            if any(overlaps(ps, pe, gs, ge) and pt == gt for gs, ge, gt in gold):
                pred_ok[pt] += 1
            else:
                false.append((pt, text[ps:pe], row["id"]))
        if gold:
            with_data += 1
            fully += all(fully_hidden(gs, ge, text, pred) for gs, ge, _ in gold)
        else:
            clean += 1
            touched += bool(pred)
    return {
        "gold": gold_n,
        "found": found,
        "found_any": found_any,
        "pred": pred_n,
        "pred_ok": pred_ok,
        "misses": misses,
        "false": false,
        "leaks": leaks,
        "records_with_data": with_data,
        "records_fully_redacted": fully,
        "records_clean": clean,
        "clean_records_touched": touched,
    }


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def pooled_recall(result: dict, types: tuple[str, ...]) -> tuple[float, int]:
    gold = sum(result["gold"][t] for t in types)
    return ratio(sum(result["found"][t] for t in types), gold), gold


def report(prefix: str, result: dict, per_second: float | None = None) -> None:
    """Print one engine's figures on one set, every line "bench {prefix}_...". Per-type
    lines are given for each type labelled or predicted in the set."""
    total_gold = sum(result["gold"].values())
    total_pred = sum(result["pred"].values())
    for group, types in (("structured", STRUCTURED), ("names_addresses", NAMES_ADDRESSES)):
        value, n = pooled_recall(result, types)
        print(f"bench {prefix}_recall_{group}: {value:.3f} ratio (n={n})")
    recall = ratio(sum(result["found"].values()), total_gold)
    precision = ratio(sum(result["pred_ok"].values()), total_pred)
    any_type = ratio(sum(result["found_any"].values()), total_gold)
    print(f"bench {prefix}_recall: {recall:.3f} ratio (n={total_gold})")
    print(f"bench {prefix}_precision: {precision:.3f} ratio (n={total_pred})")
    print(f"bench {prefix}_recall_any_type: {any_type:.3f} ratio (n={total_gold})")
    print(f"bench {prefix}_leaks: {len(result['leaks'])} strings (of {total_gold} labelled)")
    print(
        f"bench {prefix}_records_fully_redacted: {result['records_fully_redacted']} records "
        f"(of {result['records_with_data']} with personal data)"
    )
    print(
        f"bench {prefix}_clean_records_touched: {result['clean_records_touched']} records "
        f"(of {result['records_clean']} clean)"
    )
    if per_second is not None:
        print(f"bench {prefix}_records_per_second: {per_second:.0f} records/s")
    for kind in TYPES:
        g, p = result["gold"][kind], result["pred"][kind]
        if not g and not p:
            continue
        print(f"bench {prefix}_recall_{kind}: {ratio(result['found'][kind], g):.3f} ratio (n={g})")
        print(
            f"bench {prefix}_precision_{kind}: {ratio(result['pred_ok'][kind], p):.3f} ratio (n={p})"
        )


def show_errors(prefix: str, result: dict, *, listed: bool, limit: int | None = None) -> None:
    """List misses, false hits and leaks (type, text, record id), or only count them."""
    kinds = (("miss", result["misses"]), ("false", result["false"]), ("leak", result["leaks"]))
    if not listed:
        counts = ", ".join(f"{len(found)} {label}" for label, found in kinds)
        print(f"  {prefix}: {counts} (held out: --show-errors-test lists them)")
        return
    for label, found in kinds:
        for kind, text, rid in sorted(found)[:limit]:
            print(f"  {prefix} {label:5} {kind:13} {text!r} [{rid}]")
