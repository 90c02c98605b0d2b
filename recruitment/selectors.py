"""Reads for recruitment. The staff side adds its queue and report selectors here."""

from __future__ import annotations

from django.db.models import QuerySet

from recruitment.models import Cohort


def cohorts_open() -> QuerySet[Cohort]:
    """The cohorts applicants may choose, in the order programme admins set."""
    return Cohort.objects.filter(active=True).order_by("position", "name")
