# The applicant's safe contact moves into the product's one safe-contact model
# (safecontact.SafeContact, docs/desk.md): one per application, from its five fields.
# 0006 then removes the fields. Written by hand.

from django.db import migrations
from django.utils import timezone


def copy_to_safe_contact(apps, schema_editor):
    Application = apps.get_model("recruitment", "Application")
    SafeContact = apps.get_model("safecontact", "SafeContact")
    have = set(
        SafeContact.objects.filter(application__isnull=False).values_list(
            "application_id", flat=True
        )
    )
    now = timezone.now()
    batch = []
    for application in Application.objects.order_by("pk").iterator(chunk_size=500):
        if application.pk in have:
            continue
        batch.append(
            SafeContact(
                application_id=application.pk,
                may_email=application.safe_to_email,
                may_text=application.safe_to_text,
                may_phone=application.safe_to_phone,
                may_voicemail=application.safe_to_leave_voicemail,
                may_letter=False,
                times_to_avoid=application.contact_times_to_avoid or "",
                updated_at=now,
            )
        )
        if len(batch) >= 500:
            SafeContact.objects.bulk_create(batch)
            batch = []
    if batch:
        SafeContact.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Application = apps.get_model("recruitment", "Application")
    SafeContact = apps.get_model("safecontact", "SafeContact")
    for contact in SafeContact.objects.filter(application__isnull=False).iterator(chunk_size=500):
        Application.objects.filter(pk=contact.application_id).update(
            safe_to_email=contact.may_email,
            safe_to_text=contact.may_text,
            safe_to_phone=contact.may_phone,
            safe_to_leave_voicemail=contact.may_voicemail,
        )
        # An encrypted field is encrypted on save, not by update().
        application = Application.objects.get(pk=contact.application_id)
        application.contact_times_to_avoid = contact.times_to_avoid or ""
        application.save(update_fields=["contact_times_to_avoid"])
    SafeContact.objects.filter(application__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0004_withdraw_link_and_refusal_wording"),
        ("safecontact", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_to_safe_contact, copy_back)]
