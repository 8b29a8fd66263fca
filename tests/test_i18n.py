import pytest

from theodoi.core.i18n_catalog import frozen_translations, missing

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_vietnamese(client_as, province):
    html = (
        client_as("viewer").get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    )
    assert ">Tổng quan</a>" in html and 'lang="vi"' in html


def test_the_language_switch_sets_english_for_that_person(client_as, province):
    client = client_as("viewer")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html


def test_every_string_a_user_reads_has_an_english_translation():
    gaps = missing()
    assert gaps == [], (
        f"{len(gaps)} strings lack English; run: .venv/bin/python -m theodoi.core.i18n_catalog "
        f"update, then translate"
    )


def test_the_english_view_is_english(client_as, province):
    client = client_as("viewer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/nhiem-vu/").content.decode()
    assert "Tasks" in html and ">Nhiệm vụ</a>" not in html


def test_no_translation_is_frozen_at_import_time():
    assert frozen_translations() == []


def test_the_error_pages_are_english_in_english_mode(client_as, province):
    """Issue 14, item 10: the error pages too."""
    client = client_as("viewer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for url, status, words in [
        ("/khong-co-trang-nay/", 404, "Page not found"),
        ("/trao-doi/anh-xa/", 403, "Access denied"),
    ]:
        r = client.get(url)
        html = r.content.decode()
        assert r.status_code == status and 'lang="en"' in html, url
        assert words in html and "Về trang Tổng quan" not in html, url
