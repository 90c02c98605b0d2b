"""Retention for safe contact: a safe contact and its channels on hold belong to their owner
(an application, a victim or a nominated person) and are deleted with it, by the owner's
rule (privacy/retention.py)."""

from privacy.retention import no_retention_needed

no_retention_needed(
    "safecontact.SafeContact",
    "Belongs to one application, victim or nominated person and is deleted with it "
    "(on delete cascade), so the owner's retention rule decides how long it is kept.",
)
no_retention_needed(
    "safecontact.ChannelHold",
    "Belongs to a safe contact and is deleted with it, so with its owner, by the owner's "
    "retention rule.",
)
