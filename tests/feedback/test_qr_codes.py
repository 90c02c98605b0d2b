"""QR codes for feedback links (feedback/qr.py): the drawings are valid SVG and PNG, and
carry exactly the module matrix of the code's URL and nothing else.

No QR decoder is installed, so each drawing is read back into its module matrix (the PNG
by sampling each module's centre, the SVG by replaying its path) and compared with the
matrix of the QR code for exactly code_url(code)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import segno
from django.test import override_settings
from django.urls import reverse
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


# The officer's and the programme team's pages ------------------------------------------


@pytest.fixture
def officer_qr(personas: dict[str, Any]) -> Any:
    from tests.feedback.access import officer_code

    return officer_code(personas["officer"])


def test_an_officer_sees_their_own_card_with_the_team_and_the_line(
    client_as: Any, officer_qr: Any
) -> None:
    response = client_as("officer").get(reverse("invitations:my_code"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tell us how we did" in page
    assert officer_qr.team.name in page
    assert code_url(officer_qr.code) in page
    assert f'src="{reverse("invitations:svg", args=[officer_qr.pk])}"' in page
    assert reverse("invitations:png", args=[officer_qr.pk]) in page


def test_an_officer_without_a_code_is_told_what_to_do(client_as: Any, db: Any) -> None:
    response = client_as("officer").get(reverse("invitations:my_code"))
    assert "You do not have a feedback QR code yet" in response.content.decode()


def test_an_officer_downloads_their_code_as_exactly_the_url(
    client_as: Any, officer_qr: Any
) -> None:
    client = client_as("officer")
    url = code_url(officer_qr.code)
    svg = client.get(reverse("invitations:svg", args=[officer_qr.pk]) + "?download=1")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "attachment" in svg["Content-Disposition"]
    assert _svg_matrix(svg.content.decode()) == _expected(url)
    png = client.get(reverse("invitations:png", args=[officer_qr.pk]))
    assert png["Content-Type"] == "image/png"
    assert _png_matrix(png.content, 12) == _expected(url)


def test_an_officer_cannot_see_another_officers_code(
    client_as: Any, officer_qr: Any, personas: dict[str, Any]
) -> None:
    from feedback.models import FeedbackCode

    other = FeedbackCode.objects.create(
        team=officer_qr.team, officer=personas["analyst"], code="someoneelsescode1"
    )
    team_code = FeedbackCode.objects.get(team=officer_qr.team, officer__isnull=True)
    client = client_as("officer")
    for code in (other, team_code):
        for name in ("invitations:card", "invitations:svg", "invitations:png"):
            assert client.get(reverse(name, args=[code.pk])).status_code == 404


def test_the_programme_team_lists_and_downloads_every_teams_code(
    client_as: Any, officer_qr: Any, django_assert_num_queries: Any
) -> None:
    from feedback.models import Borough, FeedbackCode, Team

    for n in range(3):
        team = Team.objects.create(
            name=f"Team {n}", slug=f"qr-team-{n}", borough=Borough.objects.get(code="E09000012")
        )
        FeedbackCode.objects.create(team=team, code=f"qrteamcode{n:06d}")
    client = client_as("programme_admin")
    client.get(reverse("invitations:codes"))  # warm the session
    with django_assert_num_queries(12):  # 10 for the session and sign-in checks, 2 here
        response = client.get(reverse("invitations:codes"))
    page = response.content.decode()
    team_code = FeedbackCode.objects.get(team=officer_qr.team, officer__isnull=True)
    assert reverse("invitations:card", args=[team_code.pk]) in page
    assert "Team 2" in page
    card = client.get(reverse("invitations:card", args=[team_code.pk]))
    assert officer_qr.team.name in card.content.decode()
    png = client.get(reverse("invitations:png", args=[team_code.pk]))
    assert _png_matrix(png.content, 12) == _expected(code_url(team_code.code))
