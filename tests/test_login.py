import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_the_login_page_is_vietnamese(client):
    html = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập" in html and "Mật khẩu" in html


def test_a_wrong_password_gets_a_vietnamese_message(client, people):
    response = client.post("/dang-nhap/", {"username": "chuyenvien.stc", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_a_right_password_lands_on_the_home_page(client, people, province):
    response = client.post(
        "/dang-nhap/", {"username": "chuyenvien.stc", "password": "pw-chuyenvien.stc"}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client, people):
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "chuyenvien.stc", "password": "sai"})
    response = client.post(
        "/dang-nhap/", {"username": "chuyenvien.stc", "password": "pw-chuyenvien.stc"}
    )
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()


def test_the_lockout_ends_after_the_cool_off(client, people, province, time_machine):
    time_machine.move_to("2026-01-05 08:00 +07:00", tick=False)
    for _ in range(5):
        client.post("/dang-nhap/", {"username": "chuyenvien.stc", "password": "sai"})
    time_machine.move_to("2026-01-05 08:16 +07:00", tick=False)
    response = client.post(
        "/dang-nhap/", {"username": "chuyenvien.stc", "password": "pw-chuyenvien.stc"}
    )
    assert response.status_code == 302


@override_settings(ROOT_URLCONF="tests.urls_boom", DEBUG=False)
def test_a_server_error_is_a_vietnamese_500_page_and_is_logged(client, people, caplog):
    client.raise_request_exception = False
    client.force_login(people["viewer"])
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.get("/boom/")
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()
    assert 'name="viewport"' in response.content.decode()
    assert 'class="mainnav"' in response.content.decode()
    assert any("boom" in r.getMessage() or r.exc_info for r in caplog.records)
