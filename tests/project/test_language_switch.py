"""English/Welsh: a switch on every page that works without JavaScript."""

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale" / "cy" / "LC_MESSAGES"


@pytest.fixture(scope="module", autouse=True)
def compiled_welsh_catalogue():
    """`make test` compiles the catalogue; compile it here too when run on its own."""
    po_file, mo_file = LOCALE_DIR / "django.po", LOCALE_DIR / "django.mo"
    if not mo_file.exists() or mo_file.stat().st_mtime < po_file.stat().st_mtime:
        with po_file.open("rb") as fh:
            catalog = read_po(fh, locale="cy")
        with mo_file.open("wb") as fh:
            write_mo(fh, catalog)
        # Forget catalogues Django may already have loaded.
        trans_real._translations = {}
        trans_real._default = None
    yield
    translation.activate(settings.LANGUAGE_CODE)


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_page_has_a_switch_that_posts_to_set_language_without_javascript(client):
    form = page(client.get("/privacy")).select_one("nav.vv-language-switch form")
    assert form["method"] == "post"
    assert form["action"] == "/i18n/set-language/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is not None
    assert form.select_one('input[name="next"]')["value"] == "/privacy"
    button = form.select_one('button[type="submit"][name="language"][value="cy"]')
    assert button.get_text(strip=True) == "Cymraeg"
    assert button["lang"] == "cy"
    current = form.select_one('[aria-current="true"]')
    assert current.get_text(strip=True) == "English"


def test_choosing_welsh_shows_the_page_in_welsh(client):
    response = client.post("/i18n/set-language/", {"language": "cy", "next": "/privacy"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"

    welsh = page(client.get("/"))
    assert welsh.html["lang"] == "cy"
    assert welsh.h1.get_text(strip=True) == "Victim Voice"
    text = " ".join(welsh.get_text().split())
    assert "Gwneud cais i ymuno â Fforwm Victim Voice" in text
    assert "Os ydych mewn perygl nawr, ffoniwch 999." in text
    assert "Neidio i'r prif gynnwys" in text
    assert "Apply to join" not in text
    switch = welsh.select_one("nav.vv-language-switch")
    assert switch["aria-label"] == "Dewiswch iaith"
    assert switch.select_one('button[value="en"]').get_text(strip=True) == "English"


def test_the_language_cookie_alone_is_enough(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get("/cookies")
    assert response["Content-Language"] == "cy"
    assert page(response).h1.get_text(strip=True) == "Cwcis"
    assert page(response).title.get_text().startswith("Cwcis - ")


def test_the_exit_this_page_button_speaks_welsh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    exit_component = page(client.get("/")).select_one('[data-module="govuk-exit-this-page"]')
    assert " ".join(exit_component.get_text().split()) == "Argyfwng Gadael y dudalen hon"
    assert exit_component["data-i18n.activated"] == "Yn llwytho."


def test_error_pages_follow_the_chosen_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert page(response).h1.get_text(strip=True) == "Heb ddod o hyd i'r dudalen"


def test_switching_back_to_english(client):
    client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    client.post("/i18n/set-language/", {"language": "en", "next": "/"})
    english = page(client.get("/"))
    assert english.html["lang"] == "en"
    assert "Apply to join a Victim Voice Forum" in english.get_text()


def test_a_browser_asking_for_welsh_gets_welsh(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en;q=0.5")
    assert page(response).html["lang"] == "cy"


def test_the_switch_never_sends_people_to_another_website(client):
    response = client.post(
        "/i18n/set-language/", {"language": "cy", "next": "https://evil.example.com/"}
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_an_unknown_language_is_ignored(client):
    client.post("/i18n/set-language/", {"language": "xx", "next": "/"})
    assert page(client.get("/")).html["lang"] == "en"


def test_signed_in_staff_can_switch_too(client_as):
    client = client_as("programme_admin")
    client.post("/i18n/set-language/", {"language": "cy", "next": "/dashboard/"})
    response = client.get("/dashboard/", follow=True)
    assert page(response).html["lang"] == "cy"
    assert "Allgofnodi" in page(response).get_text()
