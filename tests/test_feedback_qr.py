"""QR codes for feedback links (feedback/qr.py): the drawings are valid SVG and PNG, and
carry exactly the module matrix of the code's URL and nothing else.

No QR decoder is installed, so each drawing is read back into its module matrix (the PNG
by sampling each module's centre, the SVG by replaying its path) and compared with the
matrix of the QR code for exactly code_url(code)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import segno
from django.test import override_settings
from PIL import Image

from feedback.qr import BORDER, code_url, qr_png, qr_svg

CODE = "Zq3xT0p9LmN4vB7w"


def _expected(data: str) -> list[list[bool]]:
    return [
        [bool(v) for v in row] for row in segno.make_qr(data, error="m", boost_error=False).matrix
    ]


def _png_matrix(png: bytes, scale: int) -> list[list[bool]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.size[0] // scale - 2 * BORDER

    def dark(x: int, y: int) -> bool:
        value = image.getpixel(
            ((BORDER + x) * scale + scale // 2, (BORDER + y) * scale + scale // 2)
        )
        assert isinstance(value, int)
        return value < 128

    return [[dark(x, y) for x in range(size)] for y in range(size)]


def _svg_matrix(svg: str) -> list[list[bool]]:
    root = ET.fromstring(svg)  # noqa: S314 — our own output, parsed to check it is XML
    (path,) = [e for e in root.iter() if e.tag.endswith("path")]
    side = int(root.attrib["viewBox"].split()[2]) // 4 - 2 * BORDER  # scale 4
    matrix = [[False] * side for _ in range(side)]
    x = y = 0.0
    for command, args in re.findall(r"([MmHhVv])([^MmHhVv]*)", path.attrib["d"]):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            for i in range(int(numbers[0])):
                matrix[int(y - 0.5) - BORDER][int(x) + i - BORDER] = True
            x += numbers[0]
        else:  # pragma: no cover - segno draws rows only
            raise AssertionError(f"unexpected path command {command}")
    return matrix


@override_settings(SITE_URL="https://victimvoice.example.org")
def test_code_url_is_the_absolute_form_address_carrying_only_the_code() -> None:
    assert code_url(CODE) == f"https://victimvoice.example.org/f/{CODE}/"


@override_settings(SITE_URL="https://victimvoice.example.org/")
def test_code_url_tolerates_a_trailing_slash_in_site_url() -> None:
    assert code_url(CODE) == f"https://victimvoice.example.org/f/{CODE}/"


@pytest.mark.parametrize("scale", [4, 10])
def test_png_is_a_valid_image_of_exactly_the_url(scale: int) -> None:
    url = code_url(CODE)
    png = qr_png(url, scale=scale)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert _png_matrix(png, scale) == _expected(url)
    assert _png_matrix(png, scale) != _expected(url + "x")


def test_svg_is_valid_xml_of_exactly_the_url_and_scales() -> None:
    url = code_url(CODE)
    svg = qr_svg(url)
    assert svg.startswith("<svg ") and "viewBox=" in svg
    assert _svg_matrix(svg) == _expected(url)
    assert _svg_matrix(svg) != _expected(code_url(CODE[::-1]))
