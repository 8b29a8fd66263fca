"""Issue 14 (items 1, 6, 7) as a person sees them, at 1366×768 and 390×844: the indicator
list with an indicator stored without a lead agency, Trao đổi dữ liệu in the menu, the
cancel step of a task, and a 404 page with the menu. Screenshots under test-artifacts/."""

import pytest
from django.core.management import call_command

from theodoi.demo.org import DEMO_PASSWORD
from theodoi.targets.models import Indicator
from theodoi.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_pages_stand_with_what_can_be_stored(page, login, shot, size):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    Indicator.objects.create(code="CU", name="Chỉ tiêu nhập từ hệ thống cũ", unit_of_measure="ha")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    name = "desktop" if size[0] > 500 else "phone"
    login("vanphong", DEMO_PASSWORD)
    r = page.goto(page.base + "/chi-tieu/")
    assert r.status == 200
    assert page.locator("text=Chưa có cơ quan chủ trì").count() == 1
    assert page.locator("nav.mainnav a:has-text('Trao đổi dữ liệu')").count() == 1
    shot(page, f"issue14-h-indicators-{name}")
    task = Task.objects.exclude(state__in=["done", "cancelled", "paused"]).first()
    page.goto(page.base + f"/nhiem-vu/{task.pk}/")
    confirm = page.locator("button:has-text('Xác nhận hủy nhiệm vụ')")
    assert not confirm.is_visible()
    page.click("summary:has-text('Hủy nhiệm vụ')")
    assert confirm.is_visible()
    shot(page, f"issue14-h-cancel-step-{name}")
    r = page.goto(page.base + "/khong-co-trang-nay/")
    assert r.status == 404 and page.locator("nav.mainnav").count() == 1
    shot(page, f"issue14-h-404-{name}")
