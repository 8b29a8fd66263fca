import pytest

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_vietnamese(client_as, province):
    html = client_as("viewer").get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert ">Tổng quan</a>" in html and 'lang="vi"' in html


def test_the_language_switch_sets_english_for_that_person(client_as, province):
    client = client_as("viewer")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
