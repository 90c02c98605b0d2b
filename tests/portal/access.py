"""Who may open each URL of the member portal (collected by tests/project/access_all.py)."""

from typing import Any

from tests.access import Declared, only


# Member portal --------------------------------------------------------------------------
# The member persona is made a member of forum A (tests/portal/fixtures.py). Member pages
# are for the member role only (403 for staff); another member gets 404 for a meeting not of
# their forum (tests/portal/test_portal_pages.py). Wellbeing: forum A's facilitators and the
# programme team only (never the police); the partner facilitator gets 404 for forum A's
# members. Deletion requests: the DPO.
def _portal_place(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal.fixtures import member_place

    member_place(p)
    return {}


def _portal_meeting(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal.fixtures import meeting, member_place

    member_place(p)
    return {"meeting_id": meeting(p).pk}


def _portal_membership(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal.fixtures import member_place

    return {"membership_id": member_place(p).pk}


def _portal_flag(p: dict[str, Any]) -> dict[str, Any]:
    from portal.models import SupportFlag
    from tests.portal.fixtures import member_place

    flag = SupportFlag.objects.create(forum_membership=member_place(p), note="")
    return {"flag_id": flag.pk}


def _portal_check_in(p: dict[str, Any]) -> dict[str, Any]:
    from portal.models import CheckInRequest
    from tests.portal.fixtures import member_place

    return {"request_id": CheckInRequest.objects.create(forum_membership=member_place(p)).pk}


def _portal_erasure(p: dict[str, Any]) -> dict[str, Any]:
    from portal.models import ErasureRequest

    return {"request_id": ErasureRequest.objects.create(user=p["member"]).pk}


_WELLBEING = ("programme_admin", "facilitator_forum_a")
DECLARATIONS: dict[str, Declared] = {
    "portal:home": only("member"),
    "portal:meeting": only("member", kwargs=_portal_meeting),
    "portal:propose": only("member", kwargs=_portal_meeting),
    "portal:apologies": only("member", ok=405, kwargs=_portal_meeting),  # POST: test_portal_pages
    "portal:check_in": only("member", ok=405, kwargs=_portal_meeting),  # POST: test_wellbeing_*
    "portal:step_back": only("member", kwargs=_portal_place),
    "portal:your_data": only("member"),
    "portal:data_html": only("member"),
    "portal:data_json": only("member"),
    "portal:erasure": only("member"),
    "portal:what_happened": only("member"),
    "portal:wellbeing": only(*_WELLBEING, "facilitator_partner"),
    "portal:flag": only(
        *_WELLBEING, kwargs=_portal_membership, overrides={"facilitator_partner": 404}
    ),
    "portal:flag_close": only(
        *_WELLBEING, ok=405, kwargs=_portal_flag, overrides={"facilitator_partner": 405}
    ),  # POST only: test_wellbeing_flags
    "portal:check_in_done": only(
        *_WELLBEING, ok=405, kwargs=_portal_check_in, overrides={"facilitator_partner": 405}
    ),  # POST only: test_wellbeing_flags
    "portal:erasure_requests": only("dpo"),
    "portal:erasure_request_handled": only("dpo", ok=405, kwargs=_portal_erasure),
}
