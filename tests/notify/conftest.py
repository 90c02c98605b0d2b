"""The GOV.UK Notify stand-in (tests/notify/fake_notify.py), with the product pointed at it."""

from collections.abc import Iterator

import pytest
from django.test import override_settings

from tests.notify.fake_notify import FakeNotify


@pytest.fixture
def notify() -> Iterator[FakeNotify]:
    fake = FakeNotify()
    with override_settings(
        NOTIFY_BACKEND="notify",
        NOTIFY_API_KEY="test_key-" + "1" * 36 + "-" + "2" * 36,
        NOTIFY_EMAIL_TEMPLATE_ID="email-template-id",
        NOTIFY_SMS_TEMPLATE_ID="sms-template-id",
        NOTIFY_BASE_URL=fake.url,
        NOTIFY_TIMEOUT_SECONDS=0.3,
    ):
        yield fake
    fake.close()
