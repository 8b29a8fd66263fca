"""A specialist of STC downloads the data-entry workbook, fills it in (openpyxl plays
Excel), uploads it, reads the preview and confirms; a bad cell is shown first."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from tests.exchange.test_task_import import plan as plan_table
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.targets.models import DataValue
from theodoi.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(path, cells) -> bytes:
    wb = load_workbook(path)
    ws = wb["Số liệu"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for code, value in cells.items():
        ws.cell(rows[code], 9).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_specialist_fills_the_workbook_in_excel_and_confirms_the_preview(
    page, login, shot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("chuyenvien.stc", DEMO_PASSWORD)
    page.goto(page.base + "/trao-doi/so-lieu/?agency=STC&period=2021Q3")
    assert "Nhập số liệu bằng Excel" in page.inner_text("h1")
    shot(page, "exchange-values-form")
    with page.expect_download() as dl:
        page.click("#workbook-form button[value=xlsx]")
    download = dl.value
    assert download.suggested_filename == "so-lieu_stc_ky-2021q3.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    ws = load_workbook(path)["Số liệu"]
    codes = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert "THU_NSNN" in codes and "CHI_NSDP" in codes and ws.protection.sheet

    # First a cell typed the ambiguous way: the preview names it and offers no confirmation.
    bad = tmp_path / "so-lieu-sai.xlsx"
    bad.write_bytes(_fill(path, {"THU_NSNN": "1,234"}))
    page.set_input_files("#upload-form input[type=file]", str(bad))
    page.click("#upload-form button")
    page.wait_for_selector(".import-errors")
    body = page.inner_text("body")
    assert "Trang “Số liệu”, dòng" in body and "cột I" in body and "không rõ nghĩa" in body
    assert page.locator("#confirm").count() == 0
    shot(page, "exchange-values-preview-error")

    good = tmp_path / "so-lieu-stc-quy3.xlsx"
    good.write_bytes(_fill(path, {"THU_NSNN": 2346, "CHI_NSDP": "1.980"}))
    page.set_input_files("#upload-form input[type=file]", str(good))
    page.click("#upload-form button")
    page.wait_for_selector("#preview")
    body = page.inner_text("#preview")
    assert "2.346" in body and "1.980" in body and "mới" in body
    shot(page, "exchange-values-preview")
    page.click("#confirm")
    page.wait_for_selector(".messages")
    assert "Đã ghi 2 giá trị của Sở Tài chính" in page.inner_text(".messages")
    shot(page, "exchange-values-confirmed")
    dv = DataValue.objects.get(
        indicator__code="THU_NSNN", unit__code="68", period_id="2021Q3", is_latest=True
    )
    assert dv.value == Decimal("2346") and dv.source == "so-lieu-stc-quy3.xlsx"


def test_the_steering_office_imports_a_plan_table(page, login, shot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=open("/dev/null", "w"))
    before = Task.objects.count()
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/trao-doi/danh-muc/")
    year = timezone.localdate().year + 1
    plan = tmp_path / "phu-luc-ke-hoach.xlsx"
    plan.write_bytes(
        plan_table(
            ["I", "LĨNH VỰC TÀI CHÍNH, NGÂN SÁCH"],
            [
                1,
                "Tăng cường quản lý thu ngân sách, chống thất thu",
                "Sở Tài chính",
                "Cục Thuế; Văn phòng UBND tỉnh",
                f"Quý III/{year}",
                "Báo cáo UBND tỉnh",
            ],
            [
                2,
                "Rà soát các chỉ tiêu du lịch",
                "so van hoa, the thao va du lich",
                "STC, các sở, ngành liên quan",
                "Thường xuyên",
                "",
            ],
            [3, "Tổng kết công tác thu", "STC", "", f"Trước 15/12/{year}", "Báo cáo"],
            [
                4,
                "Báo cáo tình hình thực hiện",
                "SVHTTDL",
                "",
                "Hằng năm, trước ngày 15/12",
                "Báo cáo",
            ],
        )
    )
    page.set_input_files("input[type=file]", str(plan))
    page.click("form button.primary")
    page.wait_for_selector("#preview")
    assert "Tăng cường quản lý thu ngân sách" in page.inner_text("#preview")
    page.select_option("select[name=directive]", index=1)
    shot(page, "exchange-tasks-preview")
    page.click("#confirm")
    page.wait_for_selector(".messages")
    assert "Đã giao 4 nhiệm vụ" in page.inner_text(".messages")
    assert Task.objects.count() == before + 4


def test_list_pages_export_what_they_show(page, login, shot, tmp_path):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/?lead=STC")
    shown = page.locator("table.data tbody tr").count()
    shot(page, "exchange-task-list-export-buttons")
    with page.expect_download() as dl:
        page.click("text=Xuất Excel")
    assert dl.value.suggested_filename == "nhiem-vu_lead-stc.xlsx"
    path = tmp_path / "tasks.xlsx"
    dl.value.save_as(path)
    ws = load_workbook(path).active
    assert ws.max_row - 1 == shown and {ws.cell(r, 3).value for r in range(2, ws.max_row + 1)} == {
        "Sở Tài chính"
    }
    page.goto(page.base + "/chi-tieu/?ky=2021S1")
    with page.expect_download() as dl:
        page.click("text=Xuất CSV")
    assert dl.value.suggested_filename == "chi-tieu_ky-2021s1.csv"
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert "Thu ngân sách nhà nước" in text and "67,4%" in text
    shot(page, "exchange-indicator-list-export-buttons")


def test_the_steering_office_imports_a_dhis2_data_value_set(page, login, shot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/trao-doi/anh-xa/")
    for kind, uid, code in [
        ("indicator", "fbfJHSPpUQD", "KHACH_LUU_TRU"),
        ("unit", "ImspTQPwCqd", "68"),
    ]:
        page.select_option("select[name=kind]", kind)
        page.fill("input[name=external_id]", uid)
        page.fill("input[name=code]", code)
        page.click("form.panel button.primary")
        page.wait_for_selector(".messages")
    shot(page, "exchange-mappings")
    path = tmp_path / "dhis2-2021Q3.json"
    path.write_text(
        json.dumps(
            {
                "dataValues": [
                    {
                        "dataElement": "fbfJHSPpUQD",
                        "period": "2021Q3",
                        "orgUnit": "ImspTQPwCqd",
                        "value": "850000",
                    },
                    {
                        "dataElement": "chuaAnhXa01",
                        "period": "2021Q3",
                        "orgUnit": "ImspTQPwCqd",
                        "value": "12",
                    },
                ]
            }
        )
    )
    page.goto(page.base + "/trao-doi/dhis2/")
    page.set_input_files("input[type=file]", str(path))
    page.click("form[enctype] button.primary")
    page.wait_for_selector("#preview")
    body = page.inner_text("body")
    assert (
        "dataElement “chuaAnhXa01” chưa có trong bảng ánh xạ" in body
        and "1 giá trị chưa ánh xạ" in body
    )
    assert "mới" in page.inner_text("#preview table") and "new" not in page.inner_text(
        "#preview table"
    )
    shot(page, "exchange-dhis2-preview")
    page.click("#confirm")
    page.wait_for_selector(".messages")
    assert "Đã ghi 1 giá trị từ DHIS2." in page.inner_text(".messages")
    dv = DataValue.objects.get(
        indicator__code="KHACH_LUU_TRU", unit__code="68", period_id="2021Q3", is_latest=True
    )
    assert dv.value == 850000 and dv.source == "dhis2-2021Q3.json"
