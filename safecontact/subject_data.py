"""Subject requests for safe contact. A safe contact (and its channels on hold) is found,
exported and erased with its owner, by the owner's provider: an application's by
recruitment/subject_data.py (exported with the application, deleted with it)."""

from privacy.subjects import not_subject_data

not_subject_data(
    {
        "safecontact.safecontact": (
            "Found, exported and erased with its owner (an application, a victim or a "
            "nominated person), by the owner's provider."
        ),
        "safecontact.channelhold": (
            "Part of a safe contact: exported and erased with its owner, by the owner's provider."
        ),
    }
)
