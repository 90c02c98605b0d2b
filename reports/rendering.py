"""Rendering a monthly report: the HTML snapshot (templates/reports/_report_body.html) and
its PDF (WeasyPrint, A4, templates/reports/report_pdf.html). Reports are written in English,
whatever the language of the person who asked for them (docs/reports.md)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from reports.content import ReportContent

REPORT_LANGUAGE = "en"

# WeasyPrint's font subsetting logs every glyph it keeps at INFO: noise in the worker's log.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def render_html(content: ReportContent) -> str:
    with translation.override(REPORT_LANGUAGE):
        return render_to_string("reports/_report_body.html", {"c": content}).strip()


def render_pdf(*, title: str, html: str) -> bytes:
    """The PDF of a stored snapshot. Nothing is fetched: the layout is inline and
    url_fetcher refuses every URL, so a report can never pull in outside content."""
    from weasyprint import HTML

    with translation.override(REPORT_LANGUAGE):
        document = render_to_string(
            "reports/report_pdf.html",
            {
                "title": title,
                "kicker": _("%(service)s: anonymised monthly report")
                % {"service": settings.SERVICE_NAME},
                "footer": _("Anonymised. Do not add personal data to this report."),
                "body": html,
            },
        )
    return bytes(HTML(string=document, url_fetcher=_refuse, base_url=".").write_pdf())


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError("Monthly reports fetch nothing.")
