"""The Terms of Reference's starting values (docs/engagement.md, "Partner requests")."""

import datetime

from django.db import migrations


def seed(apps, schema_editor):
    Terms = apps.get_model("engagement", "Terms")
    Terms.objects.get_or_create(
        effective_from=datetime.date(2020, 1, 1),
        defaults={
            "min_notice_working_days": 15,
            "decision_working_days": 5,
            "invite_cap": 3,
            "cap_days": 90,
            "response_days": 30,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
