"""Nobody outside the Victim Focus Desk ever sees who a victim is.

With the desk's demo cases and a victim whose name, date of birth, postcode, safe phone
number, email address and nominated person are distinctive, every URL the persona matrix
lets each persona outside the desk open (tests/project/access_all.DECLARATIONS, with the
same kwargs builders) is fetched. No page may contain any of them. The desk's own staff
(agents and supervisors) see victims on the case page, and the data protection officer in a
subject request's export; everyone else never."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from desk.demo import seed_desk
from desk.services import VictimIn
from safecontact.models import SafeContact
from tests.project.access_all import DECLARATIONS
from tests.project.test_police_lead_identity import _text_of, _unescape, _urls_for

pytestmark = pytest.mark.django_db

OUTSIDE_THE_DESK = [
    "police_lead",
    "analyst",
    "officer",
    "partner_agency",
    "programme_admin",
    "facilitator_forum_a",
    "member",
]
NAME = "Zephyrine Quarrington"
NOMINEE = "Barnaby Quarrington-Vale"


def test_no_page_outside_the_desk_shows_a_victim(
    settings: Any, client_as: Any, personas: dict[str, Any], make_case: Any, make_event: Any
) -> None:
    settings.DESK_DEMO_CASES = 20
    seed_desk()
    case = make_case(
        offence="domestic-abuse",
        crime_reference="7777123/26",
        victims=[
            VictimIn(
                victim_ref="V1",
                full_name=NAME,
                date_of_birth=date(1979, 3, 14),
                postcode="SE15 9ZZ",
                nominee_name=NOMINEE,
                nominee_relationship="Brother",
            )
        ],
    )
    victim = case.victims.get()
    SafeContact.objects.create(
        victim=victim, may_phone=True, phone="07700 900613", email="zq@example.org"
    )
    make_event(case, "arrested", timezone.now() - timedelta(hours=1))
    identities = [
        NAME,
        NOMINEE,
        "SE15 9ZZ",
        "07700 900613",
        "07700900613",
        "zq@example.org",
        "7777123/26",
        "14 March 1979",
        "1979-03-14",
    ]

    leaks: list[str] = []
    reached: dict[str, int] = {}
    for persona in OUTSIDE_THE_DESK:
        client = client_as(persona)
        keys = _urls_for(persona)
        assert not [
            k
            for k in keys
            if k.startswith("desk:")
            and k not in ("desk:compliance", "desk:compliance_csv", "desk:compliance_xlsx")
        ], persona
        reached[persona] = len(keys)
        for key in keys:
            savepoint = transaction.savepoint()
            try:
                build = DECLARATIONS[key].kwargs
                url = reverse(key, kwargs=build(personas) if build else None)
                response = client.get(url)
                assert response.status_code == 200, f"{url} as {persona}"
                text = _unescape(_text_of(response))
            finally:
                transaction.savepoint_rollback(savepoint)
            leaks += [f"{url} as {persona} shows {v!r}" for v in identities if v in text]
    assert all(reached.values()), reached
    assert not leaks, "\n".join(leaks)
