"""Create the fictional demo data: organisations, forums and one person per role.

Safe to run again: each step finds what it already made. Refuses in production.
Each app's demo step is one of STEPS (docs/architecture.md).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dashboards.demo import seed_dashboards
from desk.demo import seed_desk
from directory.demo import seed_directory
from engagement.demo import seed_engagement
from feedback.demo import seed_feedback
from forums.demo import seed_forums
from insights.demo import seed_insights, seed_you_said_we_did
from portal.demo import seed_member_portal
from recruitment.demo import seed_applications, seed_applications_at_every_stage
from redaction.demo import seed_redaction_review
from reports.demo import seed_reports


def seed_people() -> str:
    from victimvoice.cast import build_cast

    people = build_cast()
    return f"{len(people)} people"


# Each step creates (or finds) one kind of demo data and returns a short summary.
STEPS: list[Callable[[], str]] = [
    seed_people,
    seed_redaction_review,
    seed_applications,
    seed_applications_at_every_stage,
    seed_forums,
    seed_member_portal,
    seed_insights,
    seed_reports,
    seed_you_said_we_did,
    seed_directory,
    seed_feedback,
    seed_dashboards,
    seed_desk,
    seed_engagement,
]


class Command(BaseCommand):
    help = "Create the fictional demo data (safe to run again). Refuses in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo never runs in production.")
        with transaction.atomic():
            summaries = [step() for step in STEPS]
        self.stdout.write("Demo data ready: " + ", ".join(summaries) + ".")
