"""Who may open each URL of the privacy app: the data protection officer's tools (collected
by tests/project/access_all.py)."""

from typing import Any

from tests.access import Declared, only


# Subject requests ----------------------------------------------------------------------
def _subject_member(p: dict[str, Any]) -> dict[str, Any]:
    return {"person_key": f"user-{p['member'].pk}"}


def _subject_receipt(p: dict[str, Any]) -> dict[str, Any]:
    from privacy.models import SubjectRequest

    request = SubjectRequest.objects.create(kind="erasure", handled_by=p["dpo"], receipt={})
    return {"request_id": request.pk}


def _legal_hold(p: dict[str, Any]) -> dict[str, Any]:
    from privacy.models import LegalHold

    hold = LegalHold.objects.create(
        model_label="accounts.user",
        object_id=str(p["member"].pk),
        reason="Claim",
        placed_by=p["dpo"],
    )
    return {"hold_id": hold.pk}


DECLARATIONS: dict[str, Declared] = {
    "privacy:audit_log": only("dpo"),
    # Subject requests (tests/privacy/test_subject_request_pages.py). An export lives in the DPO's
    # session, so a plain GET of another export is "not found"; without a search kept in
    # the session the results page sends the DPO back to the search.
    "privacy:subject_search": only("dpo"),
    "privacy:subject_results": only("dpo", ok=302),
    "privacy:subject_receipts": only("dpo"),
    "privacy:subject_receipt": only("dpo", kwargs=_subject_receipt),
    "privacy:subject_export_document": only("dpo", ok=404, kwargs=lambda p: {"request_id": 1}),
    "privacy:subject_export_json": only("dpo", ok=404, kwargs=lambda p: {"request_id": 1}),
    "privacy:subject_person": only("dpo", kwargs=_subject_member),
    "privacy:subject_export": only("dpo", ok=405, kwargs=_subject_member),  # POST only
    "privacy:subject_hold": only("dpo", kwargs=_subject_member),
    "privacy:subject_erase": only("dpo", kwargs=_subject_member),
    "privacy:legal_holds": only("dpo"),
    "privacy:legal_hold_release": only("dpo", kwargs=_legal_hold),
    # Retention (tests/privacy/test_retention_pages.py)
    "privacy:retention_schedule": only("dpo"),
    "privacy:retention_receipts": only("dpo"),
}
