"""One portal for forum members and register participants: someone only on the register sees
their place, their invitations and "you said, we did", not a forum's meetings or expenses; a
forum member on the register sees both."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from tests.engagement import factories

pytestmark = pytest.mark.django_db


def test_someone_only_on_the_register_sees_their_register_not_a_forum(client: Any) -> None:
    account = User.objects.create_user("only.register@example.org", None, full_name="Ola Only")
    RoleAssignment.objects.create(user=account, role=Role.MEMBER)
    factories.participant(user=account, email="only.register@example.org")
    client.force_login(account)
    body = client.get(reverse("portal:home")).content.decode()
    assert "Your portal" in body
    assert reverse("engagement:my_invitations") in body
    assert reverse("engagement:you_said") in body
    assert "You have not joined a forum yet" not in body
    assert reverse("expenses:mine") not in body


def test_a_forum_member_on_the_register_sees_both(client_as: Any, personas: dict[str, Any]) -> None:
    factories.participant(user=personas["member"], email="morgan.member@example.org")
    body = client_as("member").get(reverse("portal:home")).content.decode()
    assert "Your forum" in body
    assert reverse("engagement:portal_home") in body
    assert reverse("expenses:mine") in body


def test_a_member_not_on_the_register_is_offered_to_join(client_as: Any) -> None:
    body = client_as("member").get(reverse("portal:home")).content.decode()
    assert reverse("engagement:portal_join") in body
    assert reverse("engagement:my_invitations") not in body
