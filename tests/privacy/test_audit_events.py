"""Typed audit events: the registry, the rule that services write the specific event, old
rows read as their event, the audit log's filters by app and event, and docs/audit.md."""

import ast
import importlib
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from privacy.audit import audit_record
from privacy.audit_events import AuditEventRegistry, EventType, Legacy, UnknownEvent, registry
from privacy.management.commands.generate_audit_doc import DOC_PATH, render_document
from privacy.models import AuditAction, AuditEvent

BASE_DIR = Path(settings.BASE_DIR)
URL = reverse("privacy:audit_log")

# The only code allowed to write the generic "Changed a person's details": (module, function)
# pairs that change a person's own record (a member editing their own details, staff
# changing a person's details). Every other write names its own event. Keep it under 10.
PERSON_CHANGED_ALLOWED: set[tuple[str, str]] = set()


# The registry


def test_a_second_event_of_the_same_name_is_refused() -> None:
    fresh = AuditEventRegistry()
    events = fresh.app("demo", "Demo")
    events.add("demo.thing_done", "Did a thing")
    with pytest.raises(ValueError, match="already registered"):
        events.add("demo.thing_done", "Did another thing")


def test_an_app_cannot_declare_its_events_twice() -> None:
    fresh = AuditEventRegistry()
    fresh.app("demo", "Demo")
    with pytest.raises(ValueError, match="declared twice"):
        fresh.app("demo", "Demo again")


def test_an_event_needs_a_declared_app_and_a_label() -> None:
    fresh = AuditEventRegistry()
    with pytest.raises(ValueError, match="declare the app"):
        fresh.register(EventType(name="demo.x", label="X", app="demo"))
    events = fresh.app("demo", "Demo")
    with pytest.raises(ValueError, match="needs a label"):
        events.add("demo.unlabelled", " ")


def test_every_event_is_labelled_in_english_and_welsh() -> None:
    assert len(registry.events()) > 60
    for event in registry.events():
        with translation.override("en"):
            english = str(event.label)
        with translation.override("cy"):
            welsh = str(event.label)
        assert english.strip(), event.name
        assert welsh.strip() and welsh != english, f"{event.name} has no Welsh label"
        assert len(event.name) <= AuditEvent._meta.get_field("action").max_length  # type: ignore[operator]


def test_every_app_that_writes_events_has_a_name_in_both_languages() -> None:
    for app, label in registry.apps().items():
        with translation.override("cy"):
            assert str(label).strip(), app


def test_the_core_events_keep_their_stored_names_and_labels() -> None:
    for action in AuditAction:
        event = registry.get(action.value)
        assert str(event.label) == str(action.label)


def test_new_events_are_named_after_their_app() -> None:
    core = {a.value for a in AuditAction}
    for event in registry.events():
        if event.name not in core:
            assert event.name.startswith(f"{event.app}."), event.name


@pytest.mark.django_db
def test_an_unregistered_event_is_refused() -> None:
    with pytest.raises(UnknownEvent):
        audit_record(actor=None, action="forums.meeting_rewritten")
    with pytest.raises(UnknownEvent):
        audit_record(actor=None, action=EventType(name="made.up", label="Made up", app="x"))
    assert not AuditEvent.objects.filter(action__in=["forums.meeting_rewritten", "made.up"])


@pytest.mark.django_db
def test_a_field_the_event_does_not_declare_is_refused() -> None:
    with pytest.raises(ValueError, match="does not declare"):
        audit_record(actor=None, action="forums.meeting_cancelled", fields=["full_name"])


@pytest.mark.django_db
def test_an_event_is_stored_under_its_name() -> None:
    from forums.audit_events import MEETING_CANCELLED

    event = audit_record(actor=None, action=MEETING_CANCELLED, fields=["cancelled_at"])
    event.refresh_from_db()
    assert event.action == "forums.meeting_cancelled"
    assert event.get_action_display() == "Cancelled a meeting"


# Every write in the code names a registered event


def _source_files() -> list[Path]:
    skip = {".venv", "node_modules", "tests", "migrations", "static", "var"}
    return [
        path
        for path in BASE_DIR.rglob("*.py")
        if not skip.intersection(path.relative_to(BASE_DIR).parts)
    ]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(BASE_DIR).with_suffix("").parts).removesuffix(".__init__")


def _enclosing_functions(tree: ast.AST) -> dict[int, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Each node's innermost enclosing function, by id."""
    found: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}

    def visit(node: ast.AST, function: ast.FunctionDef | ast.AsyncFunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if inner is not None:
                found[id(child)] = inner
            visit(child, inner)

    visit(tree, None)
    return found


def _audit_calls() -> list[tuple[str, ast.Call, Any]]:
    calls = []
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = _enclosing_functions(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "audit_record" and _module_name(path) != "privacy.audit":
                calls.append((_module_name(path), node, functions.get(id(node))))
    return calls


def _resolve(module: Any, expr: ast.expr) -> Any:
    if isinstance(expr, ast.Constant):
        return expr.value
    if isinstance(expr, ast.Name):
        return getattr(module, expr.id)
    if isinstance(expr, ast.Attribute):
        return getattr(_resolve(module, expr.value), expr.attr)
    raise AssertionError(f"{module.__name__}: name the event, not {ast.unparse(expr)}")


def test_every_audit_write_in_the_code_names_a_registered_event() -> None:
    calls = _audit_calls()
    assert len(calls) > 80
    for module_name, call, function in calls:
        where = f"{module_name}:{call.lineno}"
        action = next((k.value for k in call.keywords if k.arg == "action"), None)
        assert action is not None, f"{where}: audit_record without action="
        params = (
            {a.arg: a for a in [*function.args.args, *function.args.kwonlyargs]} if function else {}
        )
        if isinstance(action, ast.Name) and action.id in params:
            # A helper that writes the event its caller names must take an EventType.
            annotation = params[action.id].annotation
            assert annotation is not None and "EventType" in ast.unparse(annotation), where
            continue
        value = _resolve(importlib.import_module(module_name), action)
        registry.get(value)  # raises UnknownEvent


def _generic_uses_in(module_name: str, source: str) -> list[tuple[str, str, int]]:
    """Where `source` names the generic event: (module, function, line)."""
    tree = ast.parse(source)
    functions = _enclosing_functions(tree)
    uses = []
    for node in ast.walk(tree):
        generic = (isinstance(node, ast.Attribute) and node.attr == "PERSON_CHANGED") or (
            isinstance(node, ast.Constant) and node.value == AuditAction.PERSON_CHANGED.value
        )
        if generic:
            function = functions.get(id(node))
            line = getattr(node, "lineno", 0)
            uses.append((module_name, function.name if function else "", line))
    return uses


def _generic_uses() -> list[tuple[str, str, int]]:
    """Where code names the generic event, other than where it is declared."""
    declared = {"privacy.models.audit", "accounts.audit_events", "privacy.audit_events"}
    uses = []
    for path in _source_files():
        module_name = _module_name(path)
        if module_name not in declared:
            uses += _generic_uses_in(module_name, path.read_text(encoding="utf-8"))
    return uses


def test_only_changes_to_a_persons_own_record_write_the_generic_event() -> None:
    uses = _generic_uses()
    outside = [u for u in uses if (u[0], u[1]) not in PERSON_CHANGED_ALLOWED]
    assert outside == [], (
        "Write a specific event (declare it in the app's audit_events.py); the generic one "
        "is only for a change to a person's own record."
    )
    assert len(PERSON_CHANGED_ALLOWED) < 10


def test_the_generic_rule_finds_each_way_of_naming_the_generic_event() -> None:
    source = (
        "CHANGED = AuditAction.PERSON_CHANGED\n"
        "def theme_add():\n"
        "    audit_record(actor=None, action=events.PERSON_CHANGED)\n"
        "    audit_record(actor=None, action='person_changed')\n"
    )
    assert sorted(_generic_uses_in("insights.services", source)) == [
        ("insights.services", "", 1),
        ("insights.services", "theme_add", 3),
        ("insights.services", "theme_add", 4),
    ]


# Old rows keep their meaning


def _old_row(action: str, note: str) -> AuditEvent:
    # As written before the event was declared: the generic action, the real event in the note.
    return AuditEvent.objects.create(action=action, note=note)


@pytest.mark.django_db
def test_old_generic_rows_read_as_the_event_their_note_names() -> None:
    cancelled = _old_row("person_changed", "meeting cancelled")
    raised = _old_row("person_changed", "recommendation raised from 3 points")
    pnc = _old_row("retention_purged", "pnc_deleted_at_decision: police check deleted when …")
    receipt = _old_row("view_identity", "receipt viewed")
    unknown = _old_row("person_changed", "something nobody declared")
    purge = _old_row("retention_purged", "notify.messages: 3 deleted")
    assert cancelled.get_action_display() == "Cancelled a meeting"
    assert raised.get_action_display() == "Raised a recommendation"
    assert pnc.get_action_display().startswith("Deleted a police check")
    assert receipt.get_action_display() == "Viewed the receipt of an expense claim"
    assert unknown.get_action_display() == "Changed a person's details"
    assert purge.get_action_display() == "Deleted or anonymised data past its retention period"
    with translation.override("cy"):
        assert cancelled.get_action_display() != "Cancelled a meeting"


@pytest.mark.django_db
def test_filtering_by_an_event_finds_its_old_rows_and_the_generic_filter_does_not() -> None:
    old = _old_row("person_changed", "meeting cancelled")
    new = audit_record(actor=None, action="forums.meeting_cancelled")
    generic = _old_row("person_changed", "something nobody declared")
    cancelled = AuditEvent.objects.filter(registry.filter_q(["forums.meeting_cancelled"]))
    assert set(cancelled) == {old, new}
    person = set(AuditEvent.objects.filter(registry.filter_q(["person_changed"])))
    assert generic in person and old not in person


def test_a_legacy_note_matches_exactly_or_by_its_prefix() -> None:
    assert Legacy("person_changed", "left").matches("person_changed", "left")
    assert not Legacy("person_changed", "left").matches("person_changed", "left early")
    assert not Legacy("person_changed", "left").matches("sign_out", "left")
    assert Legacy("person_changed", "panel: ", prefix=True).matches("person_changed", "panel: x")


# The audit log page


def _rows(response: Any) -> list[str]:
    body = response.content.decode().split('<tbody class="govuk-table__body">', 1)
    if len(body) < 2:
        return []
    return re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body[1], flags=re.S)


@pytest.mark.django_db
def test_the_log_filters_by_event_and_shows_its_label(
    client_as: Any, personas: dict[str, User]
) -> None:
    audit_record(actor=personas["programme_admin"], action="forums.meeting_cancelled")
    _old_row("person_changed", "meeting cancelled")
    audit_record(actor=personas["programme_admin"], action="forums.meeting_scheduled")
    response = client_as("dpo").get(URL, {"action": "forums.meeting_cancelled"})
    rows = _rows(response)
    assert len(rows) == 2
    assert all("Cancelled a meeting" in row for row in rows)
    assert "Forums: Cancelled a meeting" in response.content.decode()  # the select's option


@pytest.mark.django_db
def test_the_log_filters_by_app(client_as: Any, personas: dict[str, User]) -> None:
    audit_record(actor=personas["programme_admin"], action="forums.meeting_cancelled")
    audit_record(actor=personas["programme_admin"], action="reports.report_released")
    _old_row("person_changed", "monthly report generated")
    rows = _rows(client_as("dpo").get(URL, {"app": "reports", "date_from-day": ""}))
    assert len(rows) == 2
    assert any("Released a monthly report" in row for row in rows)
    assert any("Generated a monthly report" in row for row in rows)
    assert not any("Cancelled a meeting" in row for row in rows)


@pytest.mark.django_db
def test_an_unknown_app_or_event_is_an_error(client_as: Any) -> None:
    html = client_as("dpo").get(URL, {"app": "nowhere", "action": "x.y"}).content.decode()
    assert "Select a part of the service from the list" in html
    assert "Select an event from the list" in html


@pytest.mark.django_db
def test_the_search_note_names_the_app_and_event_filters(client_as: Any) -> None:
    client_as("dpo").get(URL, {"app": "forums", "action": "forums.meeting_cancelled"})
    searched = AuditEvent.objects.filter(action=AuditAction.AUDIT_SEARCHED).latest("id")
    assert "app=forums" in searched.note
    assert "action=forums.meeting_cancelled" in searched.note


@pytest.mark.django_db
def test_labels_and_filters_are_in_the_readers_language(
    client_as: Any, personas: dict[str, User]
) -> None:
    audit_record(actor=personas["programme_admin"], action="forums.meeting_cancelled")
    dpo = client_as("dpo")
    dpo.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = dpo.get(URL, {"action": "forums.meeting_cancelled"}).content.decode()
    with translation.override("cy"):
        welsh = str(registry.get("forums.meeting_cancelled").label)
        forums = str(registry.app_label("forums"))
    assert welsh in html
    assert f"{forums}: {welsh}" in html
    assert "Cancelled a meeting" not in html


# docs/audit.md


def test_the_committed_audit_document_is_up_to_date() -> None:
    current = DOC_PATH.read_text(encoding="utf-8")
    assert current == render_document(current), "run `make docs`"


def test_the_audit_document_lists_every_event_with_its_fields() -> None:
    document = DOC_PATH.read_text(encoding="utf-8")
    with translation.override("en"):
        for event in registry.events():
            line = next(
                (row for row in document.splitlines() if row.startswith(f"| `{event.name}` |")),
                None,
            )
            assert line is not None, event.name
            assert str(event.label).replace("|", "\\|") in line
            for name in event.fields:
                if name != "*":
                    assert f"`{name}`" in line
            assert line.endswith("| yes |" if event.reads_identity else "| no |")


def test_the_check_option_fails_when_the_audit_document_is_stale(tmp_path: Path) -> None:
    current = DOC_PATH.read_text(encoding="utf-8")
    stale = tmp_path / "audit.md"
    stale.write_text(
        current.replace("| `forums.meeting_cancelled` |", "| `forums.gone` |"), "utf-8"
    )
    with pytest.raises(CommandError, match="out of date") as error:
        call_command("generate_audit_doc", "--check", "--output", stale)
    assert error.value.returncode == 1

    call_command("generate_audit_doc", "--output", stale, stdout=StringIO())
    assert stale.read_text(encoding="utf-8") == current
    out = StringIO()
    call_command("generate_audit_doc", "--check", "--output", stale, stdout=out)
    assert "up to date" in out.getvalue()


def test_a_document_without_the_markers_is_stale(tmp_path: Path) -> None:
    stale = tmp_path / "audit.md"
    stale.write_text("# The audit log\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("generate_audit_doc", "--check", "--output", stale)
