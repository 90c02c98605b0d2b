"""Empty the feedback dashboard rollups and count everything again from the raw rows."""

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Rebuild the feedback dashboard rollups from the responses, invitations and released "
        "comments still held (docs/feedback-dashboards.md). Counts of responses already "
        "deleted by retention are not recovered."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Only add what is new since the last run (what the scheduled job does).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from dashboards.services import rollup_rebuild, rollup_refresh

        result = rollup_refresh() if options["refresh"] else rollup_rebuild()
        self.stdout.write(
            f"Dashboard rollups: {result.responses} responses, {result.invitations} "
            f"invitations, {result.comments} comments counted."
        )
