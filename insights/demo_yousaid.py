"""Demo data for "you said, we did" (seed_demo step, after the monthly reports)."""


def seed_you_said_we_did() -> str:
    return "nothing yet"
