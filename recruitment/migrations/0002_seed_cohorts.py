"""The six cohorts of the Victim Voice Forums (seed 001). Programme admins manage them
afterwards; this only creates the ones that are missing."""

from django.db import migrations

COHORTS = [
    {
        "slug": "violence-against-women-and-girls",
        "name": "Violence against women and girls",
        "name_cy": "Trais yn erbyn menywod a merched",
        "description": "For women and girls who have been victims of violence or abuse.",
        "is_partner_facilitated": False,
    },
    {
        "slug": "black-communities",
        "name": "Black communities",
        "name_cy": "Cymunedau Du",
        "description": "For victims of crime from Black communities.",
        "is_partner_facilitated": False,
    },
    {
        "slug": "disabled-victims",
        "name": "Disabled victims",
        "name_cy": "Dioddefwyr anabl",
        "description": "For disabled victims of crime. A partner organisation runs this forum.",
        "is_partner_facilitated": True,
    },
    {
        "slug": "lgbtq-victims",
        "name": "LGBTQ+ victims",
        "name_cy": "Dioddefwyr LHDTC+",
        "description": (
            "For lesbian, gay, bisexual, trans and queer victims of crime. A partner "
            "organisation runs this forum."
        ),
        "is_partner_facilitated": True,
    },
    {
        "slug": "young-people",
        "name": "Young people",
        "name_cy": "Pobl ifanc",
        "description": "For young victims of crime.",
        "is_partner_facilitated": False,
    },
    {
        "slug": "general",
        "name": "General",
        "name_cy": "Cyffredinol",
        "description": "For any victim of crime.",
        "is_partner_facilitated": False,
    },
]


def add_cohorts(apps, schema_editor):
    Cohort = apps.get_model("recruitment", "Cohort")
    for position, cohort in enumerate(COHORTS, start=1):
        Cohort.objects.get_or_create(
            slug=cohort["slug"], defaults={**cohort, "position": position * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]

    operations = [migrations.RunPython(add_cohorts, migrations.RunPython.noop)]
