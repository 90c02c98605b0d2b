"""Subject requests for safe contact. A safe contact (and its channels on hold) is found,
exported and erased with its owner, by the owner's provider: an application's by
recruitment/subject_data.py (exported with the application, deleted with it), a victim's by
desk/subject_data.py, a participant's by engagement/subject_data.py. Each exports
EXPORT_FIELDS."""

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

# What an owner's provider exports of a safe contact (the safe times are shown in words on the
# pages; their stored form is for the product).
EXPORT_FIELDS = [
    "may_email",
    "may_text",
    "may_phone",
    "may_voicemail",
    "may_letter",
    "phone",
    "email",
    "address",
    "times_to_avoid",
    "code_word",
]
