"""manage.py generate_data_protection_doc [--check] [--output PATH]

Writes docs/data-protection.md from the retention registry (privacy/retention.py), so the
document cannot drift from the code that deletes the data. `--check` exits 1 when the
committed file differs from what would be generated (CI runs `make docs-check`).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from privacy.purge import DEFAULT_BATCH_SIZE
from privacy.retention import NO_RETENTION_NEEDED, RetentionRule, registry

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "data-protection.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _action(rule: RetentionRule) -> str:
    return "Deleted" if rule.action == "delete" else "Anonymised"


def _rule_section(rule: RetentionRule) -> list[str]:
    lines = [
        f"### {rule.category}",
        "",
        f"- **Rule:** `{rule.key}` (model `{rule.model}`)",
        f"- **What it holds:** {_cell(rule.holds)}",
        f"- **Lawful basis:** {_cell(rule.lawful_basis)}",
        f"- **Who may see it:** {_cell(rule.who_may_see)}",
        f"- **Kept for:** {rule.period_text()}, from {rule.clock_text}",
        f"- **Then:** {_action(rule).lower()}",
        f"- **Why this period:** {_cell(rule.reason)}",
    ]
    if not rule.respects_legal_holds:
        lines.append("- **Legal holds:** not applicable (holds no one's personal data)")
    return [*lines, ""]


def render_document() -> str:
    rules = registry.rules()
    lines = [
        "# Data protection: what Victim Voice keeps, why, and for how long",
        "",
        "<!-- Generated from privacy/retention.py by `make docs`"
        " (manage.py generate_data_protection_doc). Do not edit by hand:"
        " CI fails when this file is out of date. -->",
        "",
        "Every category of personal data the service holds is declared once, next to its",
        "models, in a retention rule (how to add one: [retention.md](retention.md)). The same",
        "rules drive the nightly purge, the data protection officer's retention schedule page",
        "(`privacy:retention_schedule`) and this document.",
        "",
        "## Lawful bases",
        "",
        "- **UK GDPR Article 6(1)(e)**: the service is run as a task in the public interest.",
        "- **Article 9(2)(g) with DPA 2018 Schedule 1**: special-category data (ethnicity,",
        "  disability, sexuality, health) for reasons of substantial public interest.",
        "- **Article 10 with DPA 2018 Schedule 1**: criminal-offence data (what happened to",
        "  victims, criminal-record checks).",
        "",
        "## Retention schedule",
        "",
        "| Category | Rule | Kept for | From | Then |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        lines.append(
            f"| {_cell(rule.category)} | `{rule.key}` | {_cell(rule.period_text())} "
            f"| {_cell(rule.clock_text)} | {_action(rule)} |"
        )
    lines += ["", "## Each category", ""]
    for rule in rules:
        lines += _rule_section(rule)
    lines += [
        "## How expiry is enforced",
        "",
        "- Every night at 02:30 (London time) the scheduler enqueues `privacy.tasks.purge_expired`,",
        "  which applies every rule above (`manage.py purge_expired` does the same by hand;",
        "  `--dry-run` lists what would go and changes nothing).",
        f"- Each rule works in batches of {DEFAULT_BATCH_SIZE:,} records, each in its own short"
        " transaction, so",
        "  it never holds long locks. Stopping it midway loses nothing; the next run finishes.",
        "- It rests between batches, nine times as long as each batch took, so the service",
        "  stays quick for the people using it while the purge runs. A batch is saved without",
        "  waiting for the disk: were the server to crash at that moment, the same records",
        "  would be deleted again the next night.",
        "- Records under a legal hold (`privacy.holds`) are never deleted or anonymised.",
        "- Each rule's run leaves a receipt (category, count, oldest and newest date, time",
        "  taken; no personal data), shown to the data protection officer at",
        "  `privacy:retention_receipts`, and one `retention_purged` audit event with counts only.",
        "- The audit log is append-only: the database refuses to change or delete its rows,",
        "  except that the purge may delete rows older than its rule's cutoff, inside its own",
        "  transaction (migration `privacy/0004_retention_audit_purge`).",
        "",
        "## Records with personal fields that need no rule of their own",
        "",
        "| Model | Why |",
        "| --- | --- |",
    ]
    for label in sorted(NO_RETENTION_NEEDED):
        lines.append(f"| `{label}` | {_cell(NO_RETENTION_NEEDED[label])} |")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Write docs/data-protection.md from the retention registry (--check: fail if stale)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit 1 if the file differs from what would be generated.",
        )
        parser.add_argument("--output", type=Path, default=DOC_PATH, help="Where to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        document = render_document()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != document:
                raise CommandError(
                    f"{path} is out of date: run `make docs` and commit it.", returncode=1
                )
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
