"""Issue 14: what the earlier browser tests did not yet look at, as a person sees it at
1366×768 and 390×844 — the grid's locked cells before typing and a thumb-sized grid (items 2,
4), focus on the first refused cell and the skip link (item 9), the report preview and the
chart on a phone with the chart's data table (items 2, 9), the task names on a phone (item 2),
the exchange pages for a viewer (item 7) and the first page a newcomer sees (item 8).
Screenshots: test-artifacts/issue14-seen-<what>-<size>.png."""

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.reporting.models import ReportingCycle

from .conftest import ARTIFACTS
from .test_issue14_ux import _serious, _sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(1366, 768), (390, 844)]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def _size(page, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    return "desktop" if size[0] > 500 else "phone"


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_the_grid_shows_locks_before_typing_and_focuses_the_refused_cell(
    demo, page, login, shot, size
):
    name = _size(page, size)
    login("chuyenvien.stc", DEMO_PASSWORD)
    # The demo's accepted half-year report locked STC's 2021S1 figures.
    page.goto(page.base + "/chi-tieu/nhap-lieu/?dv=68&ky=2021S1")
    locked = page.locator("tr[data-code=THU_NSNN] td.locked")
    assert locked.is_visible()
    assert "Đã khóa" in locked.inner_text()
    assert "Chỉ Văn phòng theo dõi mở lại được" in locked.inner_text()
    assert page.locator("#v-THU_NSNN").count() == 0  # nothing to type into
    assert page.locator(".lock-note").is_visible()
    # The pickers name the unit and the period, not their codes.
    assert page.locator("select[name=dv] option:checked").inner_text() == "Tỉnh Lâm Đồng"
    assert page.locator("select[name=ky] option:checked").inner_text() == "6 tháng đầu năm 2021"
    assert not _sideways(page)
    assert _serious(page) == []
    locked.scroll_into_view_if_needed()
    shot(page, f"issue14-seen-grid-locked-{name}")

    # An open period: a thumb-sized input inside the screen; a refused save puts the focus on
    # the first cell in error, not at the top of the page.
    page.select_option("select[name=ky]", label="Quý III/2021")
    page.click("form.filters button")
    page.wait_for_load_state("networkidle")
    value = page.locator("#v-THU_NSNN")
    box = value.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= size[0]
    if name == "phone":
        assert box["height"] >= 44
    page.fill("#v-THU_NSNN", "3.100")
    page.fill("#v-CHI_NSDP", "ba nghìn")
    page.click("button.primary:has-text('Lưu tất cả')")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.activeElement.id") == "v-CHI_NSDP"
    assert page.locator("#v-CHI_NSDP").get_attribute("aria-invalid") == "true"
    assert _serious(page) == []
    shot(page, f"issue14-seen-grid-refused-{name}")


def test_the_skip_link_is_the_first_tab_and_leads_to_the_content(demo, page, login, shot):
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/nhiem-vu/")
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.className, document.activeElement.innerText]")
    assert skip == ["skip-link", "Bỏ qua, đến nội dung chính"]
    assert page.locator(".skip-link").is_visible()  # shown once focused
    shot(page, "issue14-seen-skip-link-desktop")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not the menu again
    assert page.evaluate("!!document.activeElement.closest('main')")


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_the_report_preview_chart_and_task_names_fit_the_screen(demo, page, login, shot, size):
    name = _size(page, size)
    width = size[0]
    login("vanphong", DEMO_PASSWORD)

    # The province's report as a page: a readable column of text, header blocks not overlapping.
    cycle = ReportingCycle.objects.filter(period_id="2021S1").order_by("pk").first()
    page.goto(page.base + f"/bao-cao/ky/{cycle.pk}/tong-hop/")
    official = page.locator("#official")
    if official.count():
        text = official.locator("p").nth(3).bounding_box()
        assert text["width"] >= min(300, width - 90), f"text column {text['width']:.0f} px"
        blocks = official.locator(".doc-head > *")
        if blocks.count() == 2:
            a, b = blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()
            apart = a["x"] + a["width"] <= b["x"] + 1 or a["y"] + a["height"] <= b["y"] + 1
            assert apart, (a, b)
    assert not _sideways(page)
    shot(page, f"issue14-seen-report-preview-{name}")

    # The chart: the legend below the plot, never over the axis; its data readable as a table.
    page.goto(page.base + "/chi-tieu/KHACH_LUU_TRU/?ky=2021S1")
    page.wait_for_selector("#chart canvas")
    plot = page.locator("#chart .u-over").bounding_box()
    legend = page.locator("#chart .u-legend").bounding_box()
    assert legend["y"] >= plot["y"] + plot["height"] - 1, (plot, legend)
    chart = page.locator("#chart").bounding_box()
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= width
    assert page.locator("#chart").get_attribute("aria-hidden") == "true"
    rows = page.locator("#chart-section .sr-only table tbody tr")
    assert rows.count() == 12
    assert "Số liệu của biểu đồ" in page.locator("#chart-section .sr-only caption").inner_text()
    assert not _sideways(page)
    page.locator("#chart").scroll_into_view_if_needed()
    shot(page, f"issue14-seen-chart-{name}")

    # Task names: one line of words, not one word a line.
    page.goto(page.base + "/nhiem-vu/")
    cell = page.locator("table.tasks tbody tr").first.locator("td").first
    assert cell.bounding_box()["width"] >= min(300, width - 60)
    shot(page, f"issue14-seen-task-names-{name}")


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_a_viewer_meets_no_exchange_button_that_answers_403(demo, page, login, shot, size):
    name = _size(page, size)
    login("xem", DEMO_PASSWORD)
    assert page.locator("nav.mainnav a:has-text('Trao đổi dữ liệu')").count() == 0
    page.goto(page.base + "/trao-doi/")
    links = page.eval_on_selector_all("main a[href]", "as => as.map(a => a.href)")
    for href in links:
        assert page.request.get(href).status == 200, href
    assert page.locator("main nav.tabs").count() == 0
    assert _serious(page) == []
    shot(page, f"issue14-seen-exchange-viewer-{name}")


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_what_a_newcomer_sees_first(demo, page, login, shot, size):
    """Logged in as vanphong, the home page of today: no figure thousands of days old, the
    date the figures speak of in the header, the 2021 scenario one click away."""
    name = _size(page, size)
    login("vanphong", DEMO_PASSWORD)
    assert "(hôm nay)" in page.inner_text("#asof")
    body = page.inner_text("main")
    assert page.locator("#demo-2021").is_visible()
    assert "quá hạn 1." not in body and "1.99" not in body
    assert not _sideways(page)
    shot(page, f"issue14-seen-newcomer-home-{name}")
    page.screenshot(path=str(ARTIFACTS / f"issue14-seen-newcomer-first-screen-{name}.png"))
    # The key indicators: one card each on a phone, not rows ~450 px tall with the sentence
    # squeezed into a column that scrolls sideways.
    table = page.locator("#home-indicators")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    heights = page.eval_on_selector_all(
        "#home-indicators tbody tr", "rs => rs.map(r => r.getBoundingClientRect().height)"
    )
    assert heights and max(heights) <= 260, heights
    page.click("#demo-2021")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("main")
    assert "Đang xem kịch bản mẫu tháng 6/2021" in body and "1.99" not in body
    shot(page, f"issue14-seen-newcomer-2021-{name}")
