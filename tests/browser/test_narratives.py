"""The steering office uploads a .docx made from the seed's paragraphs, sees the figures and
the flag of a wrong claim, confirms, and finds the figures on the indicator page with the
document as their source."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.narratives.test_readers import docx_bytes
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.targets.models import DataValue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).parents[1] / "narratives" / "corpus" / "seed.txt"


def test_reading_the_seed_report_flags_a_wrong_claim_and_records_the_figures(
    page, login, shot, tmp_path
):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    # The demo's first half of 2021 is locked (its report was accepted): the same
    # paragraphs, reported for nine months.
    seed = SEED.read_text().replace("6 tháng đầu năm 2021", "9 tháng năm 2021")
    paragraphs = [p for p in seed.split("\n\n") if "6.265" in p]
    # One claim that does not add up: 7.663 / 13.650 = 56,1% of the budget, not 60%.
    paragraphs.append(
        "Chi ngân sách địa phương 9 tháng năm 2021 khoảng 7.663 tỷ đồng, bằng 60% dự toán."
    )
    path = tmp_path / "bao-cao-6-thang.docx"
    path.write_bytes(docx_bytes(paragraphs))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/doc-bao-cao/")
    assert "Đọc báo cáo" in page.inner_text("h1")
    page.set_input_files("input[type=file]", str(path))
    page.fill("input[name=period]", "2021YTD09")
    page.click(".narrative-form button")
    page.wait_for_selector(".narrative-preview")
    body = page.inner_text(".narrative-preview")
    assert "6.265 tỷ đồng" in body and "1.900.000" in body
    assert "báo cáo ghi 60%, tính từ số liệu được 56%" in body
    assert page.locator(".claim.ok").count() == 2  # 67,4% dự toán, 47% kế hoạch
    shot(page, "narratives-preview")
    page.click(".narrative-preview button")
    page.wait_for_selector(".messages")
    shot(page, "narratives-confirmed")
    assert "Đã ghi" in page.inner_text(".messages")
    dv = DataValue.objects.get(indicator__code="THU_NSNN", period_id="2021YTD09", is_latest=True)
    assert dv.source == "Báo cáo: bao-cao-6-thang.docx"
    page.goto(page.base + "/chi-tieu/THU_NSNN/?ky=2021YTD09")
    history = page.inner_text("#history")
    assert "bao-cao-6-thang.docx" in history and "6.265 tỷ đồng" in history
    shot(page, "narratives-indicator-history")
