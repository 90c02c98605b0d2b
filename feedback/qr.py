"""QR codes for feedback links: an officer's or a team's code (FeedbackCode.code) as the
absolute URL of its feedback form, drawn as SVG (for screens and print) or PNG (to download).

The URL carries only the opaque code (12+ random characters): no name, no team, no force.

    code_url("k3J9x0pQ2mZ7")          -> "https://victimvoice.example.org/f/k3J9x0pQ2mZ7/"
    qr_svg(code_url(code))             -> "<svg ...>...</svg>"
    qr_png(code_url(code), scale=10)   -> b"\\x89PNG..."
"""

from __future__ import annotations

import io

import segno
from django.conf import settings

# Error correction "M" (15%) survives a creased or slightly dirty card; a border of 4 modules
# is the quiet zone the QR standard asks for.
ERROR = "m"
BORDER = 4

# The public feedback form (feedback/urls/responses.py); a code is url-safe, so needs no quoting.
FORM_PATH = "/f/{code}/"


def code_url(code: str) -> str:
    """The absolute URL of the feedback form behind `code`, on SITE_URL."""
    return f"{settings.SITE_URL.rstrip('/')}{FORM_PATH.format(code=code)}"


def qr_make(data: str) -> segno.QRCode:
    """The QR code for `data` (the same one qr_svg and qr_png draw)."""
    return segno.make_qr(data, error=ERROR, boost_error=False)


def qr_svg(data: str, *, scale: int = 4, title: str = "") -> str:
    """An SVG drawing of the QR code for `data`, with a viewBox so it scales in print."""
    out = io.BytesIO()
    qr_make(data).save(
        out,
        kind="svg",
        scale=scale,
        border=BORDER,
        xmldecl=False,
        svgns=True,
        title=title or None,
        svgclass="app-qr",
        lineclass=None,
        omitsize=False,
        nl=False,
    )
    svg = out.getvalue().decode()
    # A viewBox as well as the size, so that CSS or print can scale it without blurring.
    side = qr_make(data).symbol_size(scale=scale, border=BORDER)[0]
    return svg.replace("<svg ", f'<svg viewBox="0 0 {side} {side}" ', 1)


def qr_png(data: str, scale: int = 10) -> bytes:
    """A PNG of the QR code for `data`; `scale` pixels per module (10 → about 4 cm at 300 dpi
    for a short URL)."""
    out = io.BytesIO()
    qr_make(data).save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()
