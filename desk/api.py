"""The desk's integration API (django-ninja), mounted at /api/v1/desk/ (desk/urls/api.py):
the force's crime recording system sends cases and case events (docs/desk.md §3)."""

from __future__ import annotations

from lib.api import strict_json_api

api = strict_json_api(
    title="Victim Voice: Victim Focus Desk API",
    version="1",
    description="Cases and case events from the force's crime recording system.",
    urls_namespace="desk_api",
    docs_url=None,
)
