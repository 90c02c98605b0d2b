"""Subject requests and monthly reports (privacy/subjects.py): a report names nobody."""

from privacy.subjects import not_subject_data

not_subject_data(
    {
        "reports.monthlyreport": (
            "An anonymised report naming no member; generated_by and released_by are staff."
        ),
    }
)
