"""Authorization lives in one access module per app, in one naming style (forums.access
says which): `<entity>_list_for(user)`, `get_<entity>_for_user(user, id)` (Http404),
`get_rw_<entity>_for_user(user, id)` (PermissionDenied). Services call the same functions
(with accounts.access.require / require_role), never private copies; the role decorators
are defined once, in accounts.access."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "accounts",
    "dashboards",
    "directory",
    "expenses",
    "feedback",
    "forums",
    "insights",
    "lib",
    "notify",
    "portal",
    "privacy",
    "recruitment",
    "redaction",
    "reports",
    "victimvoice",
]
# Private copies of access checks that services and views used to carry.
OLD_NAMES = {
    "check_manager",
    "_check_manager",
    "_check_manages",
    "_check_police",
    "_check_admin",
    "_check_self_or_manager",
    "check_wellbeing_team",
    "check_can_see_routed",
    "_person_or_404",
    "_theme_or_404",
    "_code_for_user",
}


def _modules() -> list[Path]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                found.append(path)
    return found


def _top_level_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def _is_access_name(name: str) -> bool:
    return (
        (name.startswith("get_") and name.endswith("_for_user"))
        or name.endswith("_list_for")
        or name.endswith("_get_for_user")
        or name.endswith("_visible_to")
    )


def test_the_scan_sees_the_access_modules():
    names = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert "forums/access.py" in names
    assert "get_forum_for_user" in _top_level_functions(ROOT / "forums" / "access.py")


def test_no_app_defines_access_helpers_outside_its_access_module():
    misplaced = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _modules()
        if path.name != "access.py"
        for name in _top_level_functions(path)
        if _is_access_name(name)
    ]
    assert misplaced == []


def test_access_functions_follow_one_naming_style():
    old_style = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _modules()
        for name in _top_level_functions(path)
        if name.endswith(("_get_for_user", "_visible_to"))
    ]
    assert old_style == []


def test_no_app_keeps_a_private_copy_of_an_access_check():
    copies = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _modules()
        for name in _top_level_functions(path)
        if name in OLD_NAMES
    ]
    assert copies == []


def test_the_role_decorators_are_defined_once():
    definitions = [
        path.relative_to(ROOT).as_posix()
        for path in _modules()
        for name in _top_level_functions(path)
        if name in {"role_required", "signed_in_required", "require", "require_role"}
    ]
    assert sorted(definitions) == ["accounts/access.py"] * 4
