"""Retention of the support directory (privacy/retention.py, docs/directory.md).

The directory holds organisations, not people: contacts are role mailboxes and switchboard
numbers, and the forms ask for no one's name. Only the light change log names people (the
member of staff who made a change); it is kept two years.
"""

from datetime import timedelta

from privacy.retention import PUBLIC_TASK, RetentionRule, no_retention_needed, register

ORGANISATIONS = (
    "Organisations' public contact details (role mailboxes and switchboard numbers), "
    "not a person's."
)

no_retention_needed("directory.Organisation", ORGANISATIONS)
no_retention_needed("directory.Service", ORGANISATIONS)
no_retention_needed("directory.Location", "A public place where a service is offered.")
no_retention_needed("directory.PostcodeDistrict", "Postcode districts (reference data).")
no_retention_needed("directory.SpokenLanguage", "Names a language, not a person.")
no_retention_needed("directory.RightSummary", "The Victims' Code rights (public text).")

register(
    RetentionRule(
        key="directory.changes",
        model="directory.DirectoryChange",
        category="Changes to the support directory",
        holds="Which member of staff added, changed, retired or imported directory records.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team and the data protection officer.",
        clock="at",
        clock_text="when the change was made",
        period=timedelta(days=730),
        reason="Two years is enough to answer questions about how the directory changed.",
    )
)
