"""The police lead persona's position (DESIGN: the Head of Profession for Victim Care).

victimvoice.personas builds the cast without knowing about insights; this sets the police_lead
persona's PoliceLeadProfile to Head of Profession. Called by insights.demo.seed_insights
and, for tests, once after the cast is built (tests/conftest.py). Safe to run again."""

from __future__ import annotations

from accounts.models import User
from insights.models import PoliceLeadProfile, PolicePosition
from victimvoice.personas import PERSONAS_BY_KEY


def police_lead_persona_profile() -> PoliceLeadProfile | None:
    """Make the police_lead persona ("Commander Lee Lead") Head of Profession."""
    user = User.objects.filter(email=PERSONAS_BY_KEY["police_lead"].email).first()
    if user is None:
        return None
    profile, _created = PoliceLeadProfile.objects.update_or_create(
        user=user, defaults={"position": PolicePosition.HEAD_OF_PROFESSION}
    )
    return profile
