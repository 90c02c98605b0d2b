"""Every URL of the project, opened by every persona, gives exactly its declared outcome.

The URL list is read from the resolver, so a new page without a declaration in its app's
tests/<app>/access.py (collected by tests/project/access_all.py) fails here. A pattern
without a name cannot be reversed: it is declared under the key "route:<full route>" and must be marked `not_a_page`.
"""

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import EVERYONE, Outcome, expected_outcome
from tests.conftest import PERSONA_KEYS
from tests.project.access_all import DECLARATIONS

ALL_PERSONAS = ["anonymous", *PERSONA_KEYS]


def _walk(resolver: URLResolver, namespaces: tuple[str, ...], prefix: str) -> list[str]:
    keys: list[str] = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            keys.extend(_walk(pattern, inner, route))
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                keys.append(":".join((*namespaces, pattern.name)))
            else:
                keys.append(f"route:{route}")
    return keys


def project_url_keys() -> list[str]:
    """Every URL pattern of the project as "namespace:name" (or "route:..." when unnamed)."""
    return sorted(set(_walk(get_resolver(), (), "")))


def _location_path(response: Any) -> str:
    return response["Location"].split("?", 1)[0]


def assert_outcome(response: Any, outcome: Outcome, *, where: str) -> None:
    status = response.status_code
    if outcome == "login":
        assert status == 302, f"{where}: expected a redirect to sign in, got {status}"
        assert _location_path(response) == reverse("account_login"), (
            f"{where}: expected a redirect to sign in, got one to {response['Location']}"
        )
    elif outcome == "mfa":
        assert status == 302, f"{where}: expected a redirect to MFA set-up, got {status}"
        assert _location_path(response) == reverse("mfa_activate_totp"), (
            f"{where}: expected a redirect to MFA set-up, got one to {response['Location']}"
        )
    else:
        assert status == outcome, f"{where}: expected {outcome}, got {status}"


def test_every_url_in_the_project_is_declared():
    missing = [key for key in project_url_keys() if key not in DECLARATIONS]
    assert not missing, (
        "These URLs have no declaration in tests/<app>/access.py "
        f"(say who may open them): {missing}"
    )


def test_every_declaration_names_a_url_that_exists():
    existing = set(project_url_keys())
    stale = [key for key in DECLARATIONS if key not in existing]
    assert not stale, f"These declarations name no URL of the project: {stale}"


def test_unnamed_urls_are_declared_as_not_pages():
    unfetchable = [
        key
        for key, declared in DECLARATIONS.items()
        if key.startswith("route:") and not declared.not_a_page
    ]
    assert not unfetchable, f"Unnamed URLs cannot be fetched by the matrix: {unfetchable}"


def test_outcomes_name_only_known_personas():
    known = set(ALL_PERSONAS)
    for key, declared in DECLARATIONS.items():
        allowed = set() if declared.allow == EVERYONE else set(declared.allow)
        unknown = (allowed | set(declared.overrides)) - known
        assert not unknown, f"{key} names unknown personas: {sorted(unknown)}"


MATRIX = [
    pytest.param(key, persona, id=f"{key}-{persona}")
    for key, declared in sorted(DECLARATIONS.items())
    if not declared.not_a_page
    for persona in ALL_PERSONAS
]


@pytest.mark.parametrize(("url_name", "persona"), MATRIX)
def test_persona_gets_the_declared_outcome(url_name, persona, client_as, personas):
    declared = DECLARATIONS[url_name]
    kwargs = declared.kwargs(personas) if declared.kwargs else None
    url = reverse(url_name, kwargs=kwargs)
    response = client_as(persona).get(url)
    assert_outcome(
        response, expected_outcome(declared, persona), where=f"{url_name} ({url}) as {persona}"
    )
