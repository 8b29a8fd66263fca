"""Issue 11: a commune reports straight to the province. The specialist of UBND phường Xuân
Hương - Đà Lạt signs in, opens data entry (it opens on the commune, its only unit), types the
commune's figure, saves, and the indicator page shows it; on a wide screen and a phone."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.targets.models import DataValue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"wide": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
TYPED = {"wide": ("1.702.000", "1.702.000"), "phone": ("1.703.500", "1.703.500")}


def screen(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-screen.png"))


def test_a_commune_specialist_enters_the_communes_figure(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("chuyenvien.xuanhuong", DEMO_PASSWORD)
    for name, size in SIZES.items():
        typed, shown = TYPED[name]
        page.set_viewport_size(size)
        page.goto(page.base + "/chi-tieu/nhap-lieu/?ky=2026S1")
        picker = page.locator("select[name=dv] option").all_inner_texts()
        assert picker == ["Phường Xuân Hương - Đà Lạt"], picker
        assert page.locator("input[name^=v-]").count() == 1
        page.fill("input[name=v-KHACH_LUU_TRU]", typed)
        shot(page, f"commune-entry-typed-{name}")
        screen(page, f"commune-entry-typed-{name}")
        page.click("text=Lưu tất cả")
        page.wait_for_load_state("networkidle")
        message = page.inner_text("body")
        assert "Đã lưu 1 số liệu 6 tháng đầu năm 2026 của Phường Xuân Hương - Đà Lạt" in message
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        page.goto(page.base + "/chi-tieu/KHACH_LUU_TRU/?ky=2026S1&dv=68")
        row = page.locator("#children tbody tr", has_text="Xuân Hương").inner_text()
        assert shown in row, row
        shot(page, f"commune-indicator-{name}")
        screen(page, f"commune-indicator-{name}")
    latest = DataValue.objects.get(
        indicator__code="KHACH_LUU_TRU", unit__code="24781", period_id="2026S1", is_latest=True
    )
    assert latest.author.username == "chuyenvien.xuanhuong"
    assert latest.agency.code == "UBND-24781" and latest.source == "nhập tay"
