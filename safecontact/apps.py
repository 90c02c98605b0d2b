from django.apps import AppConfig


class SafecontactConfig(AppConfig):
    name = "safecontact"
    verbose_name = "Safe contact"
