import pytest


@pytest.mark.django_db
def test_home_page_offers_the_four_public_journeys(client):
    response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    for link in ("Apply to join", "Give feedback", "Get support", "Know your rights"):
        assert link in text


@pytest.mark.django_db
def test_healthz_answers_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
