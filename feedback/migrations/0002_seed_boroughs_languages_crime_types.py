"""Reference data: the 32 London boroughs and the City of London (ONS codes, Census 2021),
the form's languages, and crime types (domestic abuse and sexual offences sensitive)."""

from django.db import migrations
from django.utils.text import slugify

BOROUGHS = [
    ("E09000001", "City of London"),
    ("E09000002", "Barking and Dagenham"),
    ("E09000003", "Barnet"),
    ("E09000004", "Bexley"),
    ("E09000005", "Brent"),
    ("E09000006", "Bromley"),
    ("E09000007", "Camden"),
    ("E09000008", "Croydon"),
    ("E09000009", "Ealing"),
    ("E09000010", "Enfield"),
    ("E09000011", "Greenwich"),
    ("E09000012", "Hackney"),
    ("E09000013", "Hammersmith and Fulham"),
    ("E09000014", "Haringey"),
    ("E09000015", "Harrow"),
    ("E09000016", "Havering"),
    ("E09000017", "Hillingdon"),
    ("E09000018", "Hounslow"),
    ("E09000019", "Islington"),
    ("E09000020", "Kensington and Chelsea"),
    ("E09000021", "Kingston upon Thames"),
    ("E09000022", "Lambeth"),
    ("E09000023", "Lewisham"),
    ("E09000024", "Merton"),
    ("E09000025", "Newham"),
    ("E09000026", "Redbridge"),
    ("E09000027", "Richmond upon Thames"),
    ("E09000028", "Southwark"),
    ("E09000029", "Sutton"),
    ("E09000030", "Tower Hamlets"),
    ("E09000031", "Waltham Forest"),
    ("E09000032", "Wandsworth"),
    ("E09000033", "Westminster"),
]

# code, English name, native name, direction, order
LANGUAGES = [
    ("en", "English", "English", "ltr", 10),
    ("cy", "Welsh", "Cymraeg", "ltr", 20),
    ("pl", "Polish", "Polski", "ltr", 30),
    ("ro", "Romanian", "Română", "ltr", 40),
    ("bn", "Bengali", "বাংলা", "ltr", 50),
    ("pt", "Portuguese", "Português", "ltr", 60),
    ("es", "Spanish", "Español", "ltr", 70),
    ("ar", "Arabic", "العربية", "rtl", 80),
]

# code, name, sensitive
CRIME_TYPES = [
    ("burglary", "Burglary", False),
    ("robbery", "Robbery", False),
    ("theft", "Theft", False),
    ("vehicle-crime", "Vehicle crime", False),
    ("criminal-damage", "Criminal damage", False),
    ("violence", "Violence against the person", False),
    ("hate-crime", "Hate crime", False),
    ("fraud", "Fraud", False),
    ("public-order", "Public order offences", False),
    ("stalking-harassment", "Stalking and harassment", False),
    ("domestic-abuse", "Domestic abuse", True),
    ("sexual-offences", "Sexual offences", True),
    ("other", "Other crime", False),
]


def seed(apps, schema_editor):
    Borough = apps.get_model("feedback", "Borough")
    Language = apps.get_model("feedback", "Language")
    CrimeType = apps.get_model("feedback", "CrimeType")
    for code, name in BOROUGHS:
        Borough.objects.update_or_create(code=code, defaults={"name": name, "slug": slugify(name)})
    for code, english, native, direction, order in LANGUAGES:
        Language.objects.update_or_create(
            code=code,
            defaults={
                "name_english": english,
                "name_native": native,
                "direction": direction,
                "order": order,
                "active": True,
            },
        )
    for code, name, sensitive in CRIME_TYPES:
        CrimeType.objects.update_or_create(
            code=code, defaults={"name": name, "sensitive": sensitive}
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
