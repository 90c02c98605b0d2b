"""Demo data for Feedback dashboards (seed_demo step, after seed_feedback): the rollups
built from the demo responses, invitations and released comments. Safe to run again: a
rebuild starts from the raw rows each time."""


def seed_dashboards() -> str:
    from django.utils import timezone

    from dashboards.services import LAG, rollup_rebuild

    # Count everything the demo made just now, without waiting for the job's lag.
    result = rollup_rebuild(now=timezone.now() + LAG)
    return (
        f"dashboard rollups: {result.responses} responses, {result.invitations} "
        f"invitations, {result.comments} comments by theme"
    )
