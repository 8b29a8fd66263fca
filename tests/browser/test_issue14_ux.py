"""Issue 14 (items 2, 3, 7 and English input) as a person sees them, in a real Chromium at
1366×768 and 390×844: the task list as cards on a phone, the task form's checkbox lists and
required marks (used by keyboard), the empty chart, the task search box, the cycle board's
spacing, the DHIS2 period picker and a figure typed in English notation. axe-core finds no
serious or critical violation on each page at each size. Screenshots: test-artifacts/
issue14-ux-<page>-<size>.png."""

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.reporting.models import ReportingCycle
from theodoi.targets.models import DataValue

from .test_phone_and_access import _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(1366, 768), (390, 844)]

# The width the placeholder's text needs, in the input's own font, and the room it has.
PLACEHOLDER_FITS = """el => {
  const s = getComputedStyle(el);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = s.font;
  const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  return [ctx.measureText(el.placeholder).width, room];
}"""


def _serious(page):
    return [
        f"{v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
        for v in _axe(page)
        if v["impact"] in ("serious", "critical")
    ]


def _sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_tasks_list_and_form(demo, page, login, shot, size):
    width, height = size
    name = "desktop" if width > 500 else "phone"
    page.set_viewport_size({"width": width, "height": height})
    login("vanphong", DEMO_PASSWORD)

    page.goto(page.base + "/nhiem-vu/")
    rows = page.locator("table.tasks tbody tr")
    assert rows.count() > 5
    first = rows.first
    display = first.evaluate("tr => getComputedStyle(tr).display")
    if name == "phone":
        # One card per task: name, lead, deadline and the status badge, stacked; nothing
        # scrolls sideways, not even inside the table.
        assert display == "block"
        assert page.locator("table.tasks thead").evaluate("h => h.offsetHeight") <= 1
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert first.locator("td[data-label='Chủ trì']").is_visible()
        assert first.locator("td[data-label='Thời hạn']").is_visible()
        assert first.locator(".tag").is_visible()
        table = page.locator("table.tasks")
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    else:
        assert display == "table-row"  # the desktop keeps the table
        assert page.locator("table.tasks thead th").first.is_visible()
    assert not _sideways(page)
    search = page.locator("input[name=q]")
    needed, room = search.evaluate(PLACEHOLDER_FITS)
    assert needed <= room, f"placeholder needs {needed:.0f} px, has {room:.0f} px"
    assert _serious(page) == []
    first.scroll_into_view_if_needed()
    shot(page, f"issue14-ux-task-list-{name}")

    page.goto(page.base + "/nhiem-vu/giao/")
    assert page.locator("text=---------").count() == 0
    assert page.locator("select[multiple]").count() == 0
    assert page.locator("text=(*) bắt buộc").is_visible()
    assert page.locator("label[for=id_lead] .req").inner_text() == "*"
    assert page.locator("#id_lead").get_attribute("aria-required") == "true"
    assert page.locator("#id_lead option:checked").inner_text() == "— Chọn cơ quan chủ trì —"
    # Keyboard only: Tab from the lead agency lands on the first coordinating agency,
    # Space ticks it, Tab goes on to the next one.
    page.focus("#id_lead")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name + ' ' + document.activeElement.type")
    assert focused == "coordinators checkbox"
    page.keyboard.press("Space")
    assert page.locator("input[name=coordinators]").first.is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "coordinators"
    if name == "phone":  # big enough for a thumb
        label = page.locator("label.choice").first.bounding_box()
        assert label["height"] >= 44 and label["width"] <= width
    assert not _sideways(page)
    assert _serious(page) == []
    page.locator("#id_coordinators-group").scroll_into_view_if_needed()
    shot(page, f"issue14-ux-task-form-{name}")


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_chart_cycle_board_and_dhis2(demo, page, login, shot, size):
    width, height = size
    name = "desktop" if width > 500 else "phone"
    page.set_viewport_size({"width": width, "height": height})
    login("vanphong", DEMO_PASSWORD)

    page.goto(page.base + "/chi-tieu/THU_NSNN/?ky=2012")
    empty = page.locator("#chart-empty")
    assert empty.is_visible() and empty.inner_text() == "Chưa có số liệu"
    assert page.locator("#chart canvas").count() == 0
    assert _serious(page) == []
    empty.scroll_into_view_if_needed()
    shot(page, f"issue14-ux-chart-empty-{name}")

    cycle = ReportingCycle.objects.order_by("pk").first()
    page.goto(page.base + f"/bao-cao/ky/{cycle.pk}/")
    facts = page.locator("dl.facts").bounding_box()
    kpis = page.locator(".kpis").first.bounding_box()
    assert kpis["y"] - (facts["y"] + facts["height"]) >= 8  # the cards no longer touch
    assert _serious(page) == []
    shot(page, f"issue14-ux-cycle-board-{name}")

    page.goto(page.base + "/trao-doi/dhis2/")
    page.select_option("select[name=periods]", label="6 tháng đầu năm 2021")
    page.click("button:has-text('Kiểm tra')")
    page.wait_for_load_state("networkidle")
    assert "periods=2021S1" in page.url
    assert page.locator("select[name=periods] option:checked").inner_text() == (
        "6 tháng đầu năm 2021"
    )
    assert page.locator("text=giá trị sẽ được xuất").count() == 1
    assert not _sideways(page)
    assert _serious(page) == []
    shot(page, f"issue14-ux-dhis2-{name}")


def test_a_figure_typed_in_english_notation(demo, page, login, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    login("chuyenvien.stc", DEMO_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base}])
    page.goto(page.base + "/chi-tieu/nhap-lieu/?dv=68&ky=2021Q3")
    page.fill("#v-THU_NSNN", "3,100")
    page.click("button.primary:has-text('Save all')")
    page.wait_for_load_state("networkidle")
    saved = DataValue.objects.get(
        indicator__code="THU_NSNN", unit__code="68", period_id="2021Q3", is_latest=True
    )
    assert saved.value == 3100
    assert page.locator(".messages").inner_text().startswith("Saved")
    assert _serious(page) == []
    shot(page, "issue14-ux-entry-english-phone")


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_the_directive_and_meeting_forms(demo, page, login, shot, size):
    width, height = size
    name = "desktop" if width > 500 else "phone"
    page.set_viewport_size({"width": width, "height": height})
    login("vanphong", DEMO_PASSWORD)
    for path, slug in (
        ("/van-ban/them/", "directive"),
        ("/van-ban/buoi-lam-viec/them/", "meeting"),
    ):
        page.goto(page.base + path)
        assert page.locator("text=---------").count() == 0
        assert page.locator("select[multiple]").count() == 0
        assert page.locator("fieldset.choices input[type=checkbox]").count() > 3
        assert not _sideways(page)
        assert _serious(page) == []
        page.locator("fieldset.choices").first.scroll_into_view_if_needed()
        shot(page, f"issue14-ux-{slug}-form-{name}")
