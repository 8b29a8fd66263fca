"""The date the figures speak of, as a person meets it: the demo's 2021 scenario opened from
the home page, the date kept while navigating, changed in the header, back to today."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from theodoi.core.dates import format_date, today
from theodoi.demo.org import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as_of(page):
    return page.input_value("#asof-date")


def _menu(page, name):
    """Go to a menu page as a person does (the menu link) and say the date its header shows."""
    page.click(f"nav.mainnav >> text={name}")
    page.wait_for_load_state("networkidle")
    return _as_of(page)


def test_the_2021_scenario_and_a_chosen_date_are_kept_while_navigating(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    now = format_date(today())
    assert _as_of(page) == now and "(hôm nay)" in page.inner_text("#asof")
    shot(page, "asof-home-today")

    page.click("#demo-2021")
    page.wait_for_load_state("networkidle")
    assert _as_of(page) == "15/06/2021"
    body = page.inner_text("body")
    assert "Đang xem kịch bản mẫu tháng 6/2021" in body
    assert "6 tháng đầu năm 2021" in body  # the figures of the seed's period
    shot(page, "asof-home-2021")

    # Kept on two other pages, reached through the menu.
    assert _menu(page, "Nhiệm vụ") == "15/06/2021"
    body = page.inner_text("main")
    assert "1.992" not in body and "1992" not in body
    shot(page, "asof-tasks-2021")
    assert _menu(page, "Báo cáo") == "15/06/2021"
    # On 15/06/2021 no report of the half-year had been accepted yet (the first on 18/06).
    assert page.inner_text("table.data tbody tr >> nth=0 >> td.num") == "0/12"
    shot(page, "asof-reporting-2021")

    # Another date typed in the header, kept on the next pages.
    page.fill("#asof-date", "01/10/2021")
    page.click("#asof button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert _as_of(page) == "01/10/2021" and "/bao-cao/" in page.url and "ngay=" not in page.url
    assert _menu(page, "Tổng quan") == "01/10/2021"
    assert _menu(page, "Nhiệm vụ") == "01/10/2021"

    # A date that is not one: a message, the date as it was.
    page.fill("#asof-date", "31/02/2021")
    page.click("#asof button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Ngày “31/02/2021” không có trên lịch." in page.inner_text("main")
    assert _as_of(page) == "01/10/2021"
    shot(page, "asof-bad-date")

    page.click("#asof-today")
    page.wait_for_load_state("networkidle")
    assert _as_of(page) == now
    assert _menu(page, "Báo cáo") == now


def test_the_header_date_on_a_phone(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    page.set_viewport_size({"width": 390, "height": 844})
    login("vanphong", DEMO_PASSWORD)
    page.click("#demo-2021")
    page.wait_for_load_state("networkidle")
    assert _as_of(page) == "15/06/2021"
    assert _menu(page, "Nhiệm vụ") == "15/06/2021"
    box = page.locator("#asof").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    shot(page, "asof-tasks-2021-phone")
    page.goto(page.base + "/")
    shot(page, "asof-home-2021-phone")
    # The first screen a person sees on the phone (the full page is long).
    page.screenshot(path=str(ARTIFACTS / "asof-home-2021-phone-first-screen.png"))
