"""What the fault benchmark's requests need (bench/faults.py), made in its scratch database.

Run by bench/faults.py as a program, with the servers' own environment (production
settings, the scratch DATABASE_URL), after `migrate`: a team with its QR code for the
feedback form, an integration with the desk's scope (its token), and one case with one
fictional victim for the desk events to go to. Prints them as one JSON line.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")

CRIME_REFERENCE = "FAULT-0001/26"


def seed() -> dict[str, str]:
    import django

    django.setup()
    from accounts.models import Organisation
    from desk.services import CaseIn, VictimIn, case_receive
    from feedback.models import Borough, Integration, IntegrationScope
    from feedback.services import team_code_ensure, team_ensure
    from feedback.services.invitations import token_hash

    borough = Borough.objects.order_by("pk")[0]
    team = team_ensure(borough=borough, name="Fault bench response team")
    code = team_code_ensure(team=team)
    organisation, _new = Organisation.objects.get_or_create(
        name="Fault bench police force", defaults={"kind": "police_force"}
    )
    token = "vvf_fault_" + secrets.token_hex(16)
    integration = Integration.objects.create(
        name="Fault bench crime recording system",
        organisation=organisation,
        token_hash=token_hash(token),
        scopes=[IntegrationScope.DESK.value],
    )
    case_receive(
        data=CaseIn(
            crime_reference=CRIME_REFERENCE,
            offence_category="burglary",
            team_code=team.slug,
            victims=[VictimIn(victim_ref="V1", full_name="Alex Example")],
        ),
        source_event_id="fault-bench-case",
        payload={"crime_reference": CRIME_REFERENCE},
        integration=integration,
    )
    return {"code": code.code, "token": token, "crime_reference": CRIME_REFERENCE}


if __name__ == "__main__":
    print(json.dumps(seed()))
