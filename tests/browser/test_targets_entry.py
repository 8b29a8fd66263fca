"""A specialist of Sở Tài chính enters figures in the grid, as a person would."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.targets.models import DataValue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_specialist_enters_figures_a_bad_cell_saves_nothing_then_all_save(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("chuyenvien.stc", DEMO_PASSWORD)
    page.goto(page.base + "/chi-tieu/nhap-lieu/?dv=68&ky=2021Q3")
    grid = page.locator("#grid")
    assert (
        "Thu ngân sách nhà nước" in grid.inner_text()
        and "Khách qua lưu trú" not in grid.inner_text()
    )
    page.fill("input[name=v-THU_NSNN]", "3.100")
    page.fill("input[name=v-CHI_NSDP]", "ba nghìn")
    shot(page, "targets-entry-typed")
    page.click("text=Lưu tất cả")
    page.wait_for_load_state("networkidle")
    bad = page.locator("td.cell-error")
    assert bad.count() == 1 and "không phải là số" in bad.inner_text()
    assert "chưa có số liệu nào được ghi" in page.inner_text(".messages")
    assert page.input_value("input[name=v-THU_NSNN]") == "3.100"  # what was typed stays
    assert not DataValue.objects.filter(period_id="2021Q3").exists()
    shot(page, "targets-entry-bad-cell")
    page.fill("input[name=v-CHI_NSDP]", "3.700")
    page.click("text=Lưu tất cả")
    page.wait_for_load_state("networkidle")
    assert "Đã lưu 2 số liệu quý III/2021 của Tỉnh Lâm Đồng" in page.inner_text(".messages")
    assert DataValue.objects.get(period_id="2021Q3", indicator__code="THU_NSNN").value == D("3100")
    shot(page, "targets-entry-saved")


def test_a_jump_against_last_year_asks_for_a_note_before_saving(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("chuyenvien.stc", DEMO_PASSWORD)
    # The year 2021, not 2021S1: the demo's accepted half-year report locked STC's 2021S1 figures.
    page.goto(page.base + "/chi-tieu/nhap-lieu/?dv=68&ky=2021")
    page.fill("input[name=v-THU_NSNN]", "19.500")
    hint = page.locator("tr[data-code=THU_NSNN] .jump-hint")
    assert hint.is_visible() and "cần ghi chú" in hint.inner_text()
    shot(page, "targets-entry-jump")
    page.fill("input[name=n-THU_NSNN]", "Thu tiền sử dụng đất một dự án lớn")
    assert not hint.is_visible()
    page.click("text=Lưu tất cả")
    page.wait_for_load_state("networkidle")
    assert DataValue.objects.get(
        period_id="2021", indicator__code="THU_NSNN", is_latest=True
    ).value == D(19500)


def test_the_indicator_page_shows_the_chart_and_the_seed_sentence(page, login, shot, settings):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("xem", DEMO_PASSWORD)
    page.goto(page.base + "/chi-tieu/KHACH_LUU_TRU/?ky=2021S1")
    assert "bằng 47% kế hoạch, tăng 13% so với cùng kỳ năm 2020" in page.inner_text("body")
    page.wait_for_selector("#chart canvas")
    shot(page, "targets-indicator-tourism")
    page.goto(page.base + "/")
    # The overview shows Lâm Đồng today (illustrative 2026 figures, demo/present.py),
    # compared with the three old provinces' 2025 on today's boundaries.
    assert (
        "tăng 11% so với cùng kỳ năm 2025 (số liệu quy đổi theo địa giới hiện nay)"
        in page.inner_text("#panel-targets")
    )
    shot(page, "targets-home-panel")
