"""Plainer cohort descriptions, and their Welsh. The application's forums page now says
itself when a partner group runs a forum, so the descriptions no longer do. Only the
descriptions still as first seeded (0002) are changed: programme admins may have written
their own."""

from django.db import migrations

PARTNER = " A partner organisation runs this forum."
# slug: (description as seeded, plainer description, Welsh description)
DESCRIPTIONS = {
    "violence-against-women-and-girls": (
        "For women and girls who have been victims of violence or abuse.",
        "For women and girls who have been victims of violence or abuse.",
        "I fenywod a merched sydd wedi dioddef trais neu gam-drin.",
    ),
    "black-communities": (
        "For victims of crime from Black communities.",
        "For victims of crime from Black communities.",
        "I bobl o gymunedau Du sydd wedi dioddef trosedd.",
    ),
    "disabled-victims": (
        "For disabled victims of crime." + PARTNER,
        "For disabled victims of crime.",
        "I bobl anabl sydd wedi dioddef trosedd.",
    ),
    "lgbtq-victims": (
        "For lesbian, gay, bisexual, trans and queer victims of crime." + PARTNER,
        "For lesbian, gay, bisexual, trans and queer victims of crime.",
        "I bobl lesbiaidd, hoyw, deurywiol, traws a cwiar sydd wedi dioddef trosedd.",
    ),
    "young-people": (
        "For young victims of crime.",
        "For young victims of crime.",
        "I bobl ifanc sydd wedi dioddef trosedd.",
    ),
    "general": (
        "For any victim of crime.",
        "For any victim of crime.",
        "I unrhyw un sydd wedi dioddef trosedd.",
    ),
}


def plainer(apps, schema_editor):
    Cohort = apps.get_model("recruitment", "Cohort")
    for slug, (seeded, plain, welsh) in DESCRIPTIONS.items():
        Cohort.objects.filter(slug=slug, description=seeded).update(description=plain)
        Cohort.objects.filter(slug=slug, description_cy="").update(description_cy=welsh)


def as_seeded(apps, schema_editor):
    Cohort = apps.get_model("recruitment", "Cohort")
    for slug, (seeded, plain, welsh) in DESCRIPTIONS.items():
        Cohort.objects.filter(slug=slug, description=plain).update(description=seeded)
        Cohort.objects.filter(slug=slug, description_cy=welsh).update(description_cy="")


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0006_remove_old_safe_contact_fields")]

    operations = [migrations.RunPython(plainer, as_seeded)]
