"""Demo data for Victims' rights and the support directory (seed_demo step)."""


def seed_directory() -> str:
    return "nothing yet"
