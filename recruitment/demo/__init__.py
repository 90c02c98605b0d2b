"""Recruitment's fictional demo data for seed_demo: applications at the "received" stage
(public.py) and one at every later stage (staff.py). Callers import from here."""

from recruitment.demo.public import demo_answers, seed_applications
from recruitment.demo.staff import DEMO_DISCLOSURE, seed_applications_at_every_stage

__all__ = [
    "DEMO_DISCLOSURE",
    "demo_answers",
    "seed_applications",
    "seed_applications_at_every_stage",
]
