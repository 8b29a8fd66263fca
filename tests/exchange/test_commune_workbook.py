"""A commune's People's Committee enters its figures by workbook too (issue 11): its workbook
holds the indicators collected at its own unit; download, preview and import go through the
same rule as the grid (permissions.targets.can_enter_for_unit)."""

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.exchange.helpers import edit_xlsx
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def july_2026():
    with time_machine.travel("2026-07-06 09:00 +0700", tick=False):
        yield


@pytest.mark.usefixtures("july_2026")
def test_a_commune_downloads_fills_previews_and_confirms_its_workbook(
    client, tourism, revenue, commune_people, commune_agencies
):
    tourism.levels = [1, 3]
    tourism.save()
    revenue.levels = [1]
    revenue.save()
    client.force_login(commune_people["xuanhuong"])
    page = client.get("/trao-doi/so-lieu/", {"period": "2026S1"})
    assert page.status_code == 200 and page.context["agency"].code == "UBND-24781"
    r = client.get(
        "/trao-doi/so-lieu/", {"agency": "UBND-24781", "period": "2026S1", "format": "xlsx"}
    )
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content))["Số liệu"]
    assert [c.value for c in sheet[2]][:4] == [
        "KHACH_LUU_TRU",
        "Khách qua lưu trú",
        "lượt khách",
        "24781",
    ]
    assert sheet.max_row == 2  # its one row: revenue is the province's
    data = edit_xlsx(r.content, lambda wb: wb["Số liệu"].__setitem__("I2", 1650000))
    r = client.post(
        "/trao-doi/so-lieu/",
        {
            "agency": "UBND-24781",
            "period": "2026S1",
            "file": SimpleUploadedFile("xuan-huong.xlsx", data),
        },
    )
    preview = r.context["preview"]
    assert [row["indicator"] for row in preview.rows] == ["KHACH_LUU_TRU"]
    assert not preview.errors, preview.errors
    r = client.post(
        "/trao-doi/so-lieu/",
        {"agency": "UBND-24781", "period": "2026S1", "token": preview.token},
        follow=True,
    )
    dv = DataValue.objects.get()
    assert (dv.unit.code, dv.value, dv.agency.code) == ("24781", 1650000, "UBND-24781")
    assert dv.author == commune_people["xuanhuong"] and dv.source == "xuan-huong.xlsx"
    # Another commune's workbook is not theirs.
    other = client.get(
        "/trao-doi/so-lieu/", {"agency": "UBND-24778", "period": "2026S1", "format": "xlsx"}
    )
    # The commune's own workbook is offered instead; the other one is never built for them.
    assert other.status_code == 200 and "so-lieu_ubnd-24781" in other["Content-Disposition"]
