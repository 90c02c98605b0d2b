from django.contrib.messages import constants
from django.contrib.messages.storage.session import SessionStorage
from django.test import RequestFactory

from tests.govuk import check_govuk_page


def test_two_confirmations_on_one_page_keep_every_id_unique(client_as):
    client = client_as("programme_admin")
    # Queue two confirmations in the session, as two actions in a row would.
    request = RequestFactory().get("/")
    request.session = client.session
    storage = SessionStorage(request)
    storage.add(constants.SUCCESS, "Role assigned.")
    storage.add(constants.SUCCESS, "Invitation sent.")
    storage.update(response=None)  # type: ignore[arg-type]
    request.session.save()

    response = client.get("/dashboard/", follow=True)

    soup = check_govuk_page(response.content)
    banners = soup.select(".govuk-notification-banner")
    assert [b.get_text(" ", strip=True).split("Success")[-1].strip() for b in banners] == [
        "Role assigned.",
        "Invitation sent.",
    ]
