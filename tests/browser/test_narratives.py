"""The steering office uploads a .docx made from the seed's paragraphs, sees the figures and
the flag of a wrong claim, confirms, and finds the figures on the indicator page with the
document as their source."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.browser.test_phone_and_access import _axe
from tests.narratives.test_readers import docx_bytes
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.jobs import progress
from theodoi.jobs.models import Job
from theodoi.narratives import services
from theodoi.narratives.models import ReceivedReport
from theodoi.targets.models import DataValue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).parents[1] / "narratives" / "corpus" / "seed.txt"
SCAN = SEED.with_name("seed-scan.tif")


def _serious(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page."""
    return [
        f"{v['id']}: {v['help']} {v['nodes']}"
        for v in _axe(page)
        if v["impact"] in ("serious", "critical")
    ]


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
    page.select_option("select[name=agency]", label="Sở Tài chính")
    page.click(".narrative-form button")
    page.wait_for_selector(".narrative-preview")
    report = ReceivedReport.objects.get()
    assert page.url.endswith(f"/doc-bao-cao/{report.pk}/")
    assert (report.name, report.agency.code, report.status) == (
        "bao-cao-6-thang.docx",
        "STC",
        "read",
    )
    body = page.inner_text(".narrative-preview")
    assert "6.265 tỷ đồng" in body and "1.900.000" in body
    # The wrong claim's message once, beside its claim.
    assert body.count("báo cáo ghi 60%, tính từ số liệu được 56%") == 1
    assert page.locator(".claim.ok").count() == 2  # 67,4% dự toán, 47% kế hoạch
    assert page.locator(".unmatched-list").count() == 0  # everything matched
    shot(page, "narratives-preview")
    assert _serious(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "narratives-preview-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _serious(page) == []
    page.set_viewport_size({"width": 1366, "height": 900})
    page.click(".narrative-preview button")
    page.wait_for_selector(".messages")
    shot(page, "narratives-confirmed")
    assert "Đã ghi" in page.inner_text(".messages")
    # The received report is listed, reopens to its preview, and says it was recorded.
    page.goto(page.base + "/doc-bao-cao/?cq=STC")
    shot(page, "narratives-received-list")
    assert _serious(page) == []
    page.click("text=bao-cao-6-thang.docx")
    assert "Đã ghi số liệu" in page.inner_text(".received-status")
    page.wait_for_selector(".narrative-preview")
    dv = DataValue.objects.get(indicator__code="THU_NSNN", period_id="2021YTD09", is_latest=True)
    assert dv.source == "Báo cáo: bao-cao-6-thang.docx"
    page.goto(page.base + "/chi-tieu/THU_NSNN/?ky=2021YTD09")
    history = page.inner_text("#history")
    assert "bao-cao-6-thang.docx" in history and "6.265 tỷ đồng" in history
    shot(page, "narratives-indicator-history")


def test_a_scan_is_read_by_a_job_and_its_figures_are_marked(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/doc-bao-cao/")
    page.set_input_files("input[type=file]", str(SCAN))
    page.fill("input[name=period]", "2021YTD09")
    page.click(".narrative-form button")
    # The test settings run jobs at once (the immediate backend): the report's page then
    # shows the preview; with a worker it shows the progress bar first.
    page.wait_for_selector(".narrative-preview")
    report = ReceivedReport.objects.get()
    assert report.job is not None and report.job.state == "done" and report.from_image
    assert "đọc từ ảnh — kiểm tra lại" in page.inner_text(".narrative-preview")
    shot(page, "narratives-scan-preview")
    page.goto(page.base + f"/viec/{report.job_id}/")
    assert "Đã xong" in page.inner_text("#job-status")
    page.click("text=Xem kết quả")
    page.wait_for_selector(".narrative-preview")


def test_the_reports_page_shows_the_reading_progress_then_the_preview(page, login, shot):
    """A worker reading a scan: the page shows the progress bar and its Vietnamese message,
    polls, and turns into the preview when the job ends."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
    user = get_user_model().objects.get(username="vanphong")
    report = services.receive(
        user, name="seed-scan.tif", data=SCAN.read_bytes(), period="2021YTD09"
    )
    job = Job.objects.create(
        kind="narratives.read",
        title="Đọc báo cáo seed-scan.tif",
        owner=user,
        state=Job.State.RUNNING,
        created_at=timezone.now(),
    )
    ReceivedReport.objects.filter(pk=report.pk).update(job=job)
    progress.report(job.pk, 3, 10, "Đang đọc trang 3/10")
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + f"/doc-bao-cao/{report.pk}/")
    assert "Đang đọc trang 3/10" in page.inner_text("#reading")
    assert page.get_attribute("#reading progress", "value") == "30"
    shot(page, "narratives-reading")
    assert _serious(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "narratives-reading-phone")
    # The worker finishes: the page reloads itself into the preview.
    services.read_received(user, report)
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, finished_at=timezone.now())
    page.wait_for_selector(".narrative-preview")
    assert "đọc từ ảnh — kiểm tra lại" in page.inner_text(".narrative-preview")


def test_an_unmatched_figure_is_matched_by_choosing_its_indicator(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/doc-bao-cao/")
    page.fill(
        "textarea[name=text]",
        "Lượng du khách nghỉ đêm 9 tháng năm 2021 ước đạt 1,9 triệu lượt khách.",
    )
    page.click(".narrative-form button")
    page.wait_for_selector(".unmatched-list")
    assert "Chưa khớp chỉ tiêu" in page.inner_text(".narrative-preview")
    page.select_option(".unmatched-list select[name=indicator]", label="Khách qua lưu trú")
    page.check(".unmatched-list input[name=synonym]")
    page.fill(".unmatched-list input[name=words]", "du khách nghỉ đêm")
    shot(page, "narratives-choose-indicator")
    assert _serious(page) == []
    page.click(".unmatched-list button")
    page.wait_for_selector(".messages")
    assert page.locator(".unmatched-list").count() == 0
    assert "Khách qua lưu trú" in page.inner_text(".narrative-preview")
    assert page.locator(".narrative-preview input[name=pick]").count() == 1
    shot(page, "narratives-chosen")


def test_an_unmatched_figure_gets_a_new_indicator_from_the_page(page, login, shot):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    login("vanphong", DEMO_PASSWORD)
    page.goto(page.base + "/doc-bao-cao/")
    page.fill(
        "textarea[name=text]",
        "Lượng khách tham quan các khu, điểm du lịch 9 tháng năm 2021 ước đạt 2,4 triệu lượt.",
    )
    page.click(".narrative-form button")
    page.wait_for_selector(".unmatched-list")
    page.click(".new-indicator summary")
    form = ".new-indicator-form"
    # Filled from the sentence: the words that name it and the figure's unit of measure.
    assert page.input_value(f"{form} input[name=name]") == (
        "Lượng khách tham quan các khu, điểm du lịch"
    )
    assert page.input_value(f"{form} input[name=unit_of_measure]") == "triệu lượt"
    page.fill(f"{form} input[name=code]", "KHACH_THAM_QUAN")
    page.fill(f"{form} input[name=name]", "Lượng khách tham quan các khu, điểm du lịch")
    page.fill(f"{form} input[name=unit_of_measure]", "lượt khách")
    page.select_option(f"{form} select[name=lead_agency]", label="Sở Văn hóa, Thể thao và Du lịch")
    shot(page, "narratives-new-indicator")
    assert _serious(page) == []
    page.click(f"{form} button")
    page.wait_for_selector(".messages")
    assert "Đã tạo chỉ tiêu" in page.inner_text(".messages")
    assert page.locator(".unmatched-list").count() == 0
    row = page.inner_text(".narrative-preview")
    assert "Lượng khách tham quan các khu, điểm du lịch" in row and "2.400.000" in row
    shot(page, "narratives-new-indicator-chosen")
