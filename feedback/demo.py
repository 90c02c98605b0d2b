"""Demo data for Post-contact feedback (seed_demo step)."""


def seed_feedback() -> str:
    return "nothing yet"
