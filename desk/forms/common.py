"""What the desk's forms share: the error list the GOV.UK error summary shows."""

from __future__ import annotations

from recruitment.forms import error_list


class ErrorList:
    """A form whose errors the page's error summary lists, each linked to its field."""

    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]
