"""The public pages: home, privacy notice, accessibility statement, cookies, feedback."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from pages.models import ServiceFeedback

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "/": "Victim Voice",
    "/privacy": "Privacy notice",
    "/accessibility": "Accessibility statement",
    "/cookies": "Cookies",
    "/feedback-on-this-service": "Give feedback on Victim Voice",
}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup_of(response).get_text().split())


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES.items())
def test_each_public_page_opens_for_anyone_with_its_heading(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert " ".join(soup_of(response).h1.get_text().split()) == heading


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_each_public_page_has_exit_this_page_and_its_secondary_link(client, path):
    page = soup_of(client.get(path))
    exit_button = page.select_one(
        '[data-module="govuk-exit-this-page"] a.govuk-exit-this-page__button'
    )
    assert exit_button is not None
    assert exit_button["href"] == "https://www.bbc.co.uk/weather"
    skip_link = page.select_one("a.govuk-skip-link.govuk-js-exit-this-page-skiplink")
    assert skip_link is not None
    assert skip_link["href"] == exit_button["href"]
    # Above the grid, inside the width container (GOV.UK Design System placement).
    container = page.select_one(".govuk-width-container main")
    assert container.find(True).get("data-module") == "govuk-exit-this-page"


def test_staff_pages_do_not_carry_exit_this_page(client_as):
    response = client_as("programme_admin").get("/dashboard/", follow=True)
    assert response.status_code == 200
    assert b"govuk-exit-this-page" not in response.content


def test_home_page_offers_the_four_public_journeys(client):
    page = soup_of(client.get("/"))
    links = {" ".join(a.get_text().split()): a["href"] for a in page.select("main a")}
    assert links["Apply to join a Victim Voice Forum"] == "/apply/"
    assert links["Give feedback about the police"] == "/give-feedback/"
    assert links["Get support"] == "/support/"
    assert links["Know your rights as a victim of crime"] == "/your-rights/"


def test_home_page_says_what_victim_voice_is_and_to_call_999_in_danger(client):
    text = text_of(client.get("/"))
    assert "What is Victim Voice" in text
    assert "Police and Crime Commissioner" in text
    assert "If you are in danger now, call 999" in text


def test_the_layout_links_to_privacy_accessibility_cookies_and_feedback(client):
    page = soup_of(client.get("/"))
    footer_links = {a["href"] for a in page.select("footer a")}
    assert {"/privacy", "/accessibility", "/cookies", "/feedback-on-this-service"} <= footer_links
    assert page.select_one(".govuk-phase-banner").get_text().split()[0] == "Beta"
    assert page.select_one("a.govuk-skip-link")["href"] == "#main-content"


class TestPrivacyNotice:
    def test_it_names_the_joint_controllers(self, client):
        text = text_of(client.get("/privacy"))
        assert "joint controllers" in text
        assert "Police and Crime Commissioner" in text
        assert "MOPAC" in text

    def test_it_gives_the_lawful_bases(self, client):
        text = text_of(client.get("/privacy"))
        assert "Article 6(1)(e)" in text
        assert "Article 9(2)(g)" in text
        assert "Schedule 1 of the Data Protection Act 2018" in text
        assert "Article 10" in text

    def test_it_makes_the_retention_promises(self, client):
        text = text_of(client.get("/privacy"))
        assert "We delete the result of your police check as soon as we have looked at it" in text
        assert "We only keep what we decided and when" in text
        assert "6 months after the decision" in text
        assert "6 months after your time on the forum ends" in text
        assert "as soon as the note of the meeting is finished" in text

    def test_it_explains_rights_and_how_to_complain_to_the_ico(self, client):
        text = text_of(client.get("/privacy"))
        assert "ask for a copy of the information we hold about you" in text
        assert "Information Commissioner's Office" in text
        assert "0303 123 1113" in text

    def test_it_gives_a_general_route_to_the_dpo_when_no_address_is_configured(self, client):
        with override_settings(DPO_EMAIL=""):
            text = text_of(client.get("/privacy"))
        assert "data protection officer at the office of your Police and Crime Commissioner" in text

    def test_it_shows_the_dpo_address_when_configured(self, client):
        with override_settings(DPO_EMAIL="dpo@example.org"):
            page = soup_of(client.get("/privacy"))
        assert page.select_one('a[href="mailto:dpo@example.org"]').get_text() == "dpo@example.org"


class TestAccessibilityStatement:
    def test_it_states_the_standard_and_how_we_test(self, client):
        text = text_of(client.get("/accessibility"))
        assert "WCAG) version 2.2 at level AA" in text
        assert "How we test this website" in text
        assert "zoom in up to 400% without" in text
        assert "Equality and Human Rights Commission" in text

    def test_it_shows_the_contact_address_when_configured(self, client):
        with override_settings(CONTACT_EMAIL="help@example.org"):
            page = soup_of(client.get("/accessibility"))
        assert page.select_one('a[href="mailto:help@example.org"]') is not None


class TestCookiesPage:
    def test_it_lists_each_essential_cookie_with_purpose_and_expiry(self, client):
        page = soup_of(client.get("/cookies"))
        rows = {
            row.find("th").get_text(strip=True): [
                td.get_text(strip=True) for td in row.find_all("td")
            ]
            for row in page.select("tbody tr")
        }
        assert set(rows) == {
            settings.SESSION_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            settings.LANGUAGE_COOKIE_NAME,
            "vv_feedback_form",  # the feedback form's context (feedback/form_session.py)
        }
        assert all(purpose and expiry for purpose, expiry in rows.values())

    def test_it_says_there_are_no_analytics_cookies_and_so_no_banner(self, client):
        text = text_of(client.get("/cookies"))
        assert "We do not use analytics cookies" in text
        assert "That is why we do not ask you to accept cookies" in text

    def test_the_expiry_times_it_states_match_the_settings(self):
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
        assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
        assert settings.CSRF_COOKIE_AGE == 52 * 7 * 24 * 60 * 60
        assert settings.LANGUAGE_COOKIE_AGE is None


def test_a_visitor_only_ever_gets_the_cookies_the_cookies_page_lists(client):
    client.get("/")
    client.post("/i18n/set-language/", {"language": "cy", "next": "/"})
    client.get("/feedback-on-this-service")
    client.post("/feedback-on-this-service", {"satisfaction": "satisfied"})
    client.post("/feedback-on-this-service", {}, follow=True)
    client.get("/account/login/")
    listed = {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    }
    assert set(client.cookies) <= listed
    assert settings.LANGUAGE_COOKIE_NAME in client.cookies


class TestServiceFeedback:
    def test_it_records_feedback_and_shows_a_confirmation(self, client):
        response = client.post(
            "/feedback-on-this-service",
            {"satisfaction": "very_satisfied", "comments": "  Clear pages.  "},
        )
        assert response.status_code == 302
        assert response["Location"] == "/feedback-on-this-service/sent"
        feedback = ServiceFeedback.objects.get()
        assert feedback.satisfaction == "very_satisfied"
        assert feedback.comments == "Clear pages."
        confirmation = client.get(response["Location"])
        assert "Feedback sent" in text_of(confirmation)

    def test_it_asks_for_a_rating_when_none_is_chosen(self, client):
        response = client.post("/feedback-on-this-service", {"comments": "Hello"})
        assert response.status_code == 200
        page = soup_of(response)
        assert page.title.get_text().startswith("Error: ")
        summary = page.select_one(".govuk-error-summary")
        assert summary.select_one('a[href="#satisfaction"]').get_text() == (
            "Select how you feel about this service"
        )
        assert page.select_one("textarea#comments").get_text() == "Hello"
        assert not ServiceFeedback.objects.exists()

    def test_an_empty_comment_box_stays_empty_after_an_error(self, client):
        response = client.post("/feedback-on-this-service", {})
        assert soup_of(response).select_one("textarea#comments").get_text() == ""

    def test_it_refuses_comments_longer_than_the_limit(self, client):
        response = client.post(
            "/feedback-on-this-service", {"satisfaction": "satisfied", "comments": "x" * 1201}
        )
        assert response.status_code == 200
        assert "must be 1,200 characters or less" in text_of(response)
        assert not ServiceFeedback.objects.exists()

    def test_it_refuses_a_rating_that_is_not_offered(self, client):
        response = client.post("/feedback-on-this-service", {"satisfaction": "ecstatic"})
        assert response.status_code == 200
        assert not ServiceFeedback.objects.exists()
