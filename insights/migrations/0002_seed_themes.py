"""Seed the managed list of themes (programme admins add, rename and retire them later)."""

from django.db import migrations

THEMES = [
    ("first-contact", "First contact", "Cyswllt cyntaf"),
    ("kept-informed", "Being kept informed", "Cael y wybodaeth ddiweddaraf"),
    ("empathy-tone", "Empathy and tone", "Empathi a thôn"),
    ("reporting-barriers", "Reporting barriers", "Rhwystrau rhag riportio"),
    ("victims-code-rights", "Victims' Code rights", "Hawliau dan God y Dioddefwyr"),
    ("training", "Training", "Hyfforddiant"),
    ("support-referrals", "Support referrals", "Atgyfeirio at gymorth"),
    ("investigation", "The investigation", "Yr ymchwiliad"),
    ("court-justice", "Court and the justice process", "Y llys a'r broses gyfiawnder"),
    (
        "accessibility",
        "Accessibility and communication",
        "Hygyrchedd a chyfathrebu",
    ),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Theme = apps.get_model("insights", "Theme")
    for order, (slug, name, name_cy) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_cy": name_cy, "order": order * 10}
        )


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Theme = apps.get_model("insights", "Theme")
    Theme.objects.filter(slug__in=[slug for slug, _, _ in THEMES], points__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_feedback_loop")]

    operations = [migrations.RunPython(seed, unseed)]
