"""Subject requests and the support directory (privacy/subjects.py).

The directory is about organisations. Contacts are role mailboxes (the forms and the import
say so), so no record in it is about a person; the change log names staff by account only."""

from privacy.subjects import not_subject_data

not_subject_data(
    {
        "directory.organisation": "An organisation and its role mailbox, not a person.",
        "directory.service": "A service and its role mailbox, not a person.",
        "directory.location": "A public place where a service is offered.",
        "directory.postcodedistrict": "A postcode district (reference data).",
        "directory.spokenlanguage": "A language.",
        "directory.rightsummary": "The public text of a Victims' Code right.",
        "directory.directorychange": "The change log; actor is the member of staff who acted.",
    }
)
