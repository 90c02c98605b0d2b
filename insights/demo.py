"""Demo data for Feedback points, recommendations and police responses (seed_demo step)."""


def seed_insights() -> str:
    return "nothing yet"
