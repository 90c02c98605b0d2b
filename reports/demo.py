"""Demo data for Monthly reports (seed_demo step)."""


def seed_reports() -> str:
    return "nothing yet"
