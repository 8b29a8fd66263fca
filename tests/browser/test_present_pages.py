"""Issue 11's pages as a person sees them, on a wide screen and a phone: the new Lâm Đồng's
overview with its units grouped by kind, the boundaries switch on the indicator page (the
line under the figure changes), the children table on today's boundaries and the units
list's paging."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

User = get_user_model()
WIDE, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}


def screen(page, name):
    """What the screen shows (the viewport, not the full page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-screen.png"))


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_overview_boundaries_switch_and_units_paging(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("xem", DEMO_PASSWORD)
    for name, size in (("wide", WIDE), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(page.base + "/")
        assert "tăng 11% so với cùng kỳ năm 2025" in page.inner_text("#panel-targets")
        groups = page.locator("details.unitgroup summary").all_inner_texts()
        assert any(g.startswith("Phường") for g in groups), groups
        assert any(g.startswith("Xã") for g in groups), groups
        assert no_sideways_scroll(page), name
        shot(page, f"present-overview-{name}")
        screen(page, f"present-overview-{name}")

        page.goto(page.base + "/chi-tieu/THU_NSNN/?ky=2026S1&dv=68")
        assert page.inner_text("#boundaries-line") == "Số liệu quy đổi theo địa giới hiện nay"
        assert "so với cùng kỳ năm 2025" in page.inner_text("p.sentence")
        page.goto(page.base + "/chi-tieu/KHACH_LUU_TRU/?ky=2026S1&dv=68")
        # The five communes that reported are in the table; the others folded away.
        assert "Mũi Né" in page.inner_text("table.data.compact")
        assert "119 đơn vị chưa có số liệu kỳ này" in page.inner_text("#unreported summary")
        page.goto(page.base + "/chi-tieu/THU_NSNN/?ky=2026S1&dv=68")
        shot(page, f"present-indicator-current-{name}")
        screen(page, f"present-indicator-current-{name}")
        page.select_option("select[name=dia_gioi]", "historical")
        page.click("form.filters button")
        page.wait_for_load_state("networkidle")
        assert page.inner_text("#boundaries-line") == "Số liệu theo địa giới tại thời điểm báo cáo"
        assert "cùng kỳ" not in page.inner_text("p.sentence")
        shot(page, f"present-indicator-historical-{name}")
        screen(page, f"present-indicator-historical-{name}")

        page.goto(page.base + "/don-vi/?state=all")
        assert "Trang 1/" in page.inner_text("nav.pager")
        page.click("nav.pager a[rel=next]")
        page.wait_for_load_state("networkidle")
        assert "Trang 2/" in page.inner_text("nav.pager")
        assert page.locator("table.data tbody tr").count() == 50
        assert no_sideways_scroll(page), name
        shot(page, f"present-units-page2-{name}")
        screen(page, f"present-units-page2-{name}")
        # Searching without diacritics among the units after 01/07/2025.
        page.goto(page.base + "/don-vi/?state=after&q=mui+ne")
        assert "Mũi Né" in page.inner_text("table.data")


def test_a_commune_row_compares_with_its_predecessors_on_todays_boundaries(page, login, shot):
    """Phường Mũi Né (from 01/07/2025) reported its first half of 2026; the three old
    wards it was merged from reported their first half of 2025: on today's boundaries its
    row in the children table shows their sum as last year and says the figure was
    converted; on the boundaries of the time it has no last year."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
    record_values(
        User.objects.get(username="admin"),
        [
            ValueRow(indicator="KHACH_LUU_TRU", unit=code, period="2025S1", value=value)
            for code, value in (("22915", "500000"), ("22918", "600000"), ("22957", "190000"))
        ],
        source="test",
    )
    login("xem", DEMO_PASSWORD)
    row = "#children tr[data-unit='22918']"
    for name, size in (("wide", WIDE), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(page.base + "/chi-tieu/KHACH_LUU_TRU/?ky=2026S1&dv=68&dia_gioi=current")
        cells = page.locator(f"{row} td").all_inner_texts()
        assert cells[1:4] == ["1.420.000", "1.290.000", "+10,1%"], cells
        assert "Số liệu quy đổi theo địa giới hiện nay" in cells[0]
        page.locator(row).scroll_into_view_if_needed()
        assert no_sideways_scroll(page), name
        shot(page, f"present-children-current-{name}")
        screen(page, f"present-children-current-{name}")
        page.goto(page.base + "/chi-tieu/KHACH_LUU_TRU/?ky=2026S1&dv=68&dia_gioi=historical")
        cells = page.locator(f"{row} td").all_inner_texts()
        assert cells[1:4] == ["1.420.000", "—", ""], cells
        assert "quy đổi" not in cells[0]
