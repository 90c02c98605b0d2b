"""The retention registry: every rule is complete, and no personal data is forgotten."""

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import models
from django.test import override_settings

from lib.fields import EncryptedCharField, EncryptedTextField
from privacy.management.commands.generate_data_protection_doc import DOC_PATH, render_document
from privacy.retention import NO_RETENTION_NEEDED, RetentionRule, describe_period, registry

PERSONAL_NAME = re.compile(r"(^|_)(name|email|phone|address|ip|postcode|dob)(_|$)")


def personal_fields(model: type[models.Model]) -> list[str]:
    """Fields that look personal: email fields, fields named like name/email/phone/
    address/ip, encrypted fields, and links to a person (the user model)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False):
            continue
        if (
            isinstance(
                field,
                models.EmailField
                | models.GenericIPAddressField
                | EncryptedCharField
                | EncryptedTextField,
            )
            or PERSONAL_NAME.search(field.name)
            or (field.is_relation and field.related_model is user_model)
        ):
            found.append(field.name)
    return found


def test_every_model_with_personal_fields_has_a_retention_rule_or_a_reason_it_needs_none() -> None:
    covered = registry.models() | set(NO_RETENTION_NEEDED)
    missing = {
        model._meta.label: personal_fields(model)
        for model in apps.get_models()
        if personal_fields(model) and model._meta.label not in covered
    }
    assert missing == {}, (
        "Add a RetentionRule in the app's retention.py, or no_retention_needed(label, reason) "
        "(docs/retention.md)"
    )


def test_the_personal_field_finder_finds_what_it_should() -> None:
    assert set(personal_fields(apps.get_model("accounts.User"))) >= {"email", "full_name"}
    assert "ip" in personal_fields(apps.get_model("usersessions.UserSession"))
    assert set(personal_fields(apps.get_model("notify.Message"))) >= {"recipient", "body"}
    assert personal_fields(apps.get_model("privacy.AuditEvent")) == ["actor"]
    assert personal_fields(apps.get_model("privacy.RetentionReceipt")) == []


def test_every_exemption_names_a_real_model_and_gives_a_reason() -> None:
    for label, reason in NO_RETENTION_NEEDED.items():
        if label.startswith("encryption_app."):
            continue  # installed only with the test settings, checked below
        apps.get_model(label)
        assert len(reason) > 20, label
    assert apps.is_installed("tests.encryption_app")


@pytest.mark.parametrize("key", registry.rule_keys())
def test_every_rule_is_complete_and_its_clock_and_model_exist(key: str) -> None:
    rule = registry.get(key)
    model = rule.get_model()
    assert key.split(".")[0] == rule.key.split(".")[0]
    for text in (rule.category, rule.holds, rule.lawful_basis, rule.who_may_see, rule.reason):
        assert text.strip(), key
    assert "Article" in rule.lawful_basis
    if isinstance(rule.clock, str):
        assert isinstance(model._meta.get_field(rule.clock), models.DateTimeField)
    assert rule.period_timedelta() >= timedelta(0)
    assert rule.action in ("delete", "anonymise")
    assert (rule.anonymiser is not None) == (rule.action == "anonymise")


def test_the_rules_come_from_every_apps_retention_module() -> None:
    assert {key.split(".")[0] for key in registry.rule_keys()} >= {
        "accounts",
        "notify",
        "pages",
        "privacy",
    }


def test_the_categories_that_exist_now_are_registered_with_their_periods() -> None:
    days = {key: registry.get(key).period_timedelta().days for key in registry.rule_keys()}
    assert days["notify.messages"] == settings.NOTIFY_MESSAGE_RETENTION_DAYS == 7
    assert days["privacy.audit_log"] == settings.AUDIT_RETENTION_DAYS == 2190
    assert days["privacy.sign_in_records"] == settings.SIGN_IN_RECORD_RETENTION_DAYS == 365
    assert days["accounts.user_sessions"] == 30
    assert days["accounts.sessions"] == 0
    assert days["privacy.task_results"] == 14
    assert days["pages.service_feedback"] == 365
    assert registry.get("accounts.deactivated_staff").action == "anonymise"


@override_settings(AUDIT_RETENTION_DAYS=10)
def test_a_period_held_in_a_setting_follows_the_setting() -> None:
    rule = registry.get("privacy.audit_log")
    assert rule.period_timedelta() == timedelta(days=10)
    assert rule.period_text() == "10 days (setting AUDIT_RETENTION_DAYS)"


def test_periods_read_in_plain_english() -> None:
    assert describe_period(timedelta(0)) == "At once (when it expires)"
    assert describe_period(timedelta(days=1)) == "1 day"
    assert describe_period(timedelta(days=7)) == "7 days"
    assert describe_period(timedelta(days=365)) == "1 year"
    assert describe_period(timedelta(days=2190)) == "6 years (2,190 days)"
    assert describe_period(timedelta(days=183)) == "6 months (183 days)"
    assert describe_period(timedelta(days=30)) == "30 days"
    assert registry.get("privacy.audit_log").period_text() == (
        "6 years (2,190 days; setting AUDIT_RETENTION_DAYS)"
    )


def test_a_rule_refuses_to_be_registered_twice_or_half_declared() -> None:
    rule = registry.get("notify.messages")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(rule)
    with pytest.raises(ValueError, match="needs an anonymiser"):
        RetentionRule(
            key="x.y",
            model="notify.Message",
            category="x",
            holds="x",
            lawful_basis="x",
            who_may_see="x",
            clock="created_at",
            clock_text="x",
            period=timedelta(days=1),
            action="anonymise",
        )


# docs/data-protection.md


def test_the_committed_data_protection_document_is_up_to_date() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == render_document(), "run `make docs`"


def test_the_document_lists_every_rule_and_every_exemption() -> None:
    document = render_document()
    for rule in registry.rules():
        assert f"`{rule.key}`" in document
        assert f"### {rule.category}\n" in document
    for label in NO_RETENTION_NEEDED:
        assert f"`{label}`" in document


def test_the_check_option_fails_when_the_document_is_stale(tmp_path: Path) -> None:
    stale = tmp_path / "data-protection.md"
    stale.write_text("# Out of date\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date") as error:
        call_command("generate_data_protection_doc", "--check", "--output", stale)
    assert error.value.returncode == 1

    call_command("generate_data_protection_doc", "--output", stale, stdout=StringIO())
    out = StringIO()
    call_command("generate_data_protection_doc", "--check", "--output", stale, stdout=out)
    assert "up to date" in out.getvalue()
