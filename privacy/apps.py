from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    name = "privacy"

    def ready(self) -> None:
        # Each app's retention.py registers its retention rules (privacy/retention.py).
        autodiscover_modules("retention")
        # Each app's subject_data.py registers its subject request provider.
        autodiscover_modules("subject_data")
        # Each app's audit_events.py declares the audit events its services write
        # (privacy/audit_events.py).
        autodiscover_modules("audit_events")
