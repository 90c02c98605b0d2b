"""Demo data for Feedback dashboards (seed_demo step)."""


def seed_dashboards() -> str:
    return "nothing yet"
