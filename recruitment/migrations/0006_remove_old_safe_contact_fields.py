# The applicant's safe contact is now safecontact.SafeContact (0005 copied it there).
# A migration of its own, apart from the copy: PostgreSQL will not alter a table in the
# transaction that has just written rows pointing at it.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0005_safe_contact_copy"),
    ]

    operations = [
        migrations.RemoveField(model_name="application", name="safe_to_email"),
        migrations.RemoveField(model_name="application", name="safe_to_text"),
        migrations.RemoveField(model_name="application", name="safe_to_phone"),
        migrations.RemoveField(model_name="application", name="safe_to_leave_voicemail"),
        migrations.RemoveField(model_name="application", name="contact_times_to_avoid"),
    ]
