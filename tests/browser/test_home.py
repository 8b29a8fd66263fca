import re

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_user_logs_in_and_sees_the_province_in_vietnamese(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    page.goto(page.base + "/")
    assert "Đăng nhập" in page.content()
    login("vanphong", DEMO_PASSWORD)
    body = page.inner_text("body")
    assert "Tỉnh Lâm Đồng" in body
    for nav in [
        "Tổng quan",
        "Chỉ tiêu",
        "Nhiệm vụ",
        "Văn bản chỉ đạo",
        "Báo cáo",
        "Đọc báo cáo",
        "Đơn vị",
    ]:
        assert page.locator("nav.mainnav a", has_text=re.compile(f"^{nav}$")).count() == 1
    # Today's Lâm Đồng (since 01/07/2025): its communes and wards (folded by kind: open the
    # wards), and its departments.
    assert "Sở Tài chính" in body
    page.locator("details.unitgroup summary", has_text="Phường").click()
    assert "Xuân Hương - Đà Lạt" in page.inner_text("details.unitgroup[open]")
    shot(page, "home-vanphong")


def test_a_wrong_password_says_so_in_vietnamese(page, login, people, shot):
    login("chuyenvien.stc", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.inner_text("body")
    shot(page, "login-wrong-password")
