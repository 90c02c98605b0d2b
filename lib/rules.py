"""The one rule error, and how a page shows it.

Each app keeps its state rules in its own `rules.py` (what a meeting, an application or a
claim allows now); services check the input they are given. Both raise `RuleBroken` with
a message for the page and, when the rule is about one answer, the form field it concerns.
A view that calls a service catches it and shows it with `form_rule_error`: next to the
field (the error summary links to it), or at the top of the summary when there is none.
"""

from __future__ import annotations

from typing import Any


class RuleBroken(Exception):
    """A change the rules do not allow. `message` is shown on the page (str() gives it too);
    `field` names the form field it concerns, or None for the whole form. `code` is a short
    machine-readable name for callers that answer in JSON (the feedback API)."""

    def __init__(self, message: Any, *, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field or None
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


def form_rule_error(form: Any, error: RuleBroken) -> None:
    """Show `error` on `form`: on its field when the form has that field, else as an error
    of the whole form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
