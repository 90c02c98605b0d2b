"""The Victims' Code's time limits, offence categories, enhanced-rights grounds and the first
consent wording, as data (docs/desk.md §1). Sources are the official summaries in the
research folder; each row says which. A force changes them on the desk's pages, as new rows
from a date."""

from datetime import date

from django.db import migrations

IN_FORCE = date(2021, 4, 1)  # The Victims' Code 2020 came into force on 1 April 2021.

RIGHT_6_SOURCE = (
    "Victims' Code 2020, Right 6 (information about the investigation and prosecution): "
    "told within 5 working days, 1 working day for victims entitled to enhanced rights. "
    "Summary: Bedfordshire PCC, Right 6."
)

# code, label, right, standard, enhanced
TIME_LIMITS = [
    ("arrested", "Suspect arrested", "6", 5, 1),
    ("interviewed_under_caution", "Suspect interviewed under caution", "6", 5, 1),
    ("released_without_charge", "Suspect released without charge", "6", 5, 1),
    ("bail_or_rui", "Suspect released on bail or under investigation", "6", 5, 1),
    ("bail_conditions_changed", "Bail conditions changed or cancelled", "6", 5, 1),
    ("charged", "Suspect charged", "6", 5, 1),
    ("out_of_court_disposal", "Out-of-court disposal given", "6", 5, 1),
    ("not_investigated", "Decision not to investigate", "6", 5, 1),
    ("case_closed", "Decision to close the case", "6", 5, 1),
    ("referral", "Referral to support services after a needs assessment", "4", 2, 2),
]

REFERRAL_SOURCE = (
    "Victims' Code 2020, Right 4 (referral to services that support victims): referral "
    "within 2 working days of the needs assessment. Summary: Bedfordshire PCC, Right 4."
)

# code, name, most serious (enhanced rights), referral needs explicit consent, feedback crime type
OFFENCE_CATEGORIES = [
    ("domestic-abuse", "Domestic abuse", True, True, "domestic-abuse"),
    ("sexual-offence", "Sexual offence", True, True, "sexual-offences"),
    ("hate-crime", "Hate crime", True, False, "hate-crime"),
    ("terrorism", "Terrorism", True, False, "other"),
    ("trafficking", "Human trafficking or modern slavery", True, False, "other"),
    ("attempted-murder", "Attempted murder", True, False, "violence"),
    ("kidnap", "Kidnap", True, False, "violence"),
    ("false-imprisonment", "False imprisonment", True, False, "violence"),
    ("arson-endanger-life", "Arson with intent to endanger life", True, False, "criminal-damage"),
    ("wounding-with-intent", "Wounding or grievous bodily harm with intent", True, False, "violence"),
    ("homicide", "Homicide (bereaved close relatives)", True, False, "other"),
    ("stalking-harassment", "Stalking and harassment", False, False, "stalking-harassment"),
    ("assault", "Assault", False, False, "violence"),
    ("burglary", "Burglary", False, False, "burglary"),
    ("robbery", "Robbery", False, False, "robbery"),
    ("theft", "Theft", False, False, "theft"),
    ("vehicle-crime", "Vehicle crime", False, False, "vehicle-crime"),
    ("criminal-damage", "Criminal damage", False, False, "criminal-damage"),
    ("fraud", "Fraud", False, False, "fraud"),
    ("public-order", "Public order offence", False, False, "public-order"),
    ("other", "Other crime", False, False, "other"),
]

# code, name, referral needs explicit consent, derived, order
GROUNDS = [
    ("most_serious_crime", "Victim of the most serious crime", False, True, 10),
    ("under_18", "Under 18 at the time of the event (vulnerable)", False, True, 20),
    ("vulnerable", "Vulnerable", False, False, 30),
    ("intimidated", "Intimidated", False, False, 40),
    ("persistently_targeted", "Persistently targeted", False, False, 50),
    ("bereaved_close_relative", "Close relative bereaved by criminal conduct", True, False, 60),
]

CONSENT_EN = (
    "With your agreement, we will pass your name, a safe way to contact you and what you told "
    "us you need to {service}, so that they can offer you support. They will only contact you "
    "in the way and at the times you told us are safe. You can change your mind at any time, "
    "and the support is free. Do you agree to us making this referral?"
)
CONSENT_CY = (
    "Gyda'ch cytundeb, byddwn yn rhoi eich enw, ffordd ddiogel o gysylltu â chi a'r hyn y "
    "dywedoch wrthym sydd ei angen arnoch i {service}, er mwyn iddynt gynnig cymorth i chi. "
    "Dim ond yn y ffordd ac ar yr adegau y dywedoch wrthym eu bod yn ddiogel y byddant yn "
    "cysylltu â chi. Gallwch newid eich meddwl ar unrhyw adeg, ac mae'r cymorth am ddim. Ydych "
    "chi'n cytuno i ni wneud yr atgyfeiriad hwn?"
)


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("desk", "TimeLimit")
    OffenceCategory = apps.get_model("desk", "OffenceCategory")
    EnhancedGround = apps.get_model("desk", "EnhancedGround")
    ConsentWording = apps.get_model("desk", "ConsentWording")
    CrimeType = apps.get_model("feedback", "CrimeType")
    for code, label, right, standard, enhanced in TIME_LIMITS:
        TimeLimit.objects.update_or_create(
            code=code,
            effective_from=IN_FORCE,
            defaults={
                "label": label,
                "right": right,
                "standard_working_days": standard,
                "enhanced_working_days": enhanced,
                "source": REFERRAL_SOURCE if right == "4" else RIGHT_6_SOURCE,
            },
        )
    crime_types = {crime_type.code: crime_type for crime_type in CrimeType.objects.all()}
    for code, name, most_serious, needs_consent, crime_type in OFFENCE_CATEGORIES:
        OffenceCategory.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "most_serious": most_serious,
                "referral_needs_consent": needs_consent,
                "feedback_crime_type": crime_types.get(crime_type),
            },
        )
    for code, name, needs_consent, derived, order in GROUNDS:
        EnhancedGround.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "referral_needs_consent": needs_consent,
                "derived": derived,
                "order": order,
            },
        )
    ConsentWording.objects.update_or_create(
        version=1,
        defaults={"text_en": CONSENT_EN, "text_cy": CONSENT_CY, "effective_from": IN_FORCE},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("feedback", "0002_seed_boroughs_languages_crime_types"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
