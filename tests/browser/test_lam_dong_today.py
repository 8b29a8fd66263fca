"""Lâm Đồng today, as a person sees it: the overview compares the first half of 2026 with
the three old provinces' first half of 2025, and a commune's page shows its lineage."""

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD, MERGER
from theodoi.org.queries import unit_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_overview_of_the_new_province_and_a_communes_lineage(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("xem", DEMO_PASSWORD)
    page.goto(page.base + "/")
    panel = page.inner_text("#panel-targets")
    assert "6 tháng đầu năm 2026" in panel
    assert "tăng 11% so với cùng kỳ năm 2025 (số liệu quy đổi theo địa giới hiện nay)" in panel
    shot(page, "lam-dong-today-overview")
    mui_ne = unit_at("22918", MERGER)
    page.goto(page.base + f"/don-vi/{mui_ne.pk}/")
    lineage = page.inner_text("#lineage")
    assert "Hình thành từ" in lineage and "Phường Hàm Tiến" in lineage
    assert "01/07/2025" in lineage
    shot(page, "lam-dong-today-commune-lineage")
